from django.urls import path

from kollegium.methods.views import board, detail, files, pilots, versions

app_name = "methods"
urlpatterns = [
    path("", board.board, name="board"),
    path("list/", board.method_list, name="list"),
    path("spread/", board.spread, name="spread"),
    path("new/", detail.create, name="create"),
    path("import/", files.import_package, name="import_package"),
    # A ref is never "new", "list", "spread" or "import" (see services.methods.RESERVED_REFS).
    path("<slug:ref>/", detail.detail, name="detail"),
    path("<slug:ref>/edit/", detail.edit, name="edit"),
    path("<slug:ref>/move/", board.move, name="move"),
    path("<slug:ref>/package.zip", files.package, name="package"),
    path("<slug:ref>/files/", files.attachment_add, name="attachment_add"),
    path("<slug:ref>/files/<int:pk>/", files.attachment, name="attachment"),
    path("<slug:ref>/files/<int:pk>/delete/", files.attachment_delete, name="attachment_delete"),
    path("<slug:ref>/comments/", pilots.comment, name="comment"),
    path("<slug:ref>/pilots/new/", pilots.pilot_create, name="pilot_create"),
    path("<slug:ref>/pilots/<int:pk>/", pilots.pilot_edit, name="pilot_edit"),
    path("<slug:ref>/adoption/", pilots.adopt, name="adopt"),
    path("<slug:ref>/adoption/remove/", pilots.adoption_remove, name="adoption_remove"),
    path("<slug:ref>/versions/", versions.versions, name="versions"),
    path("<slug:ref>/versions/<int:number>/", versions.version, name="version"),
]
