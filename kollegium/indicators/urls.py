from django.urls import path

from kollegium.indicators import views, views_report

app_name = "indicators"
urlpatterns = [
    path("programme/", views.programme, name="programme"),
    path("report/", views_report.report_page, name="report"),
    path("report/indicators.xlsx", views_report.report_xlsx, name="report_xlsx"),
    path("report/<slug:table>.csv", views_report.report_csv, name="report_csv"),
    path("report/annual/", views_report.annual, name="annual"),
    path("public/", views_report.public, name="public"),
    path("key-figures/import/", views.keyfigure_import, name="import"),
    path("key-figures/template.csv", views.template_csv, name="template_csv"),
    path("key-figures/template.xlsx", views.template_xlsx, name="template_xlsx"),
    path(
        "companies/<str:org_number>/key-figures/new/",
        views.keyfigure_create,
        name="keyfigure_create",
    ),
    path(
        "companies/<str:org_number>/key-figures/<int:year>/",
        views.keyfigure_edit,
        name="keyfigure_edit",
    ),
    path(
        "companies/<str:org_number>/key-figures/<int:year>/delete/",
        views.keyfigure_delete,
        name="keyfigure_delete",
    ),
    path(
        "companies/<str:org_number>/programme/",
        views.programme_year_edit,
        name="programme_year",
    ),
]
