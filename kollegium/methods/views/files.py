"""A method's files: upload, removal, and downloads that check who may see the method."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.methods import access, services
from kollegium.methods.forms import AttachmentForm, OperatorPackageImportForm, PackageImportForm
from kollegium.methods.packages import (
    PackageInvalid,
    max_package_bytes,
    package_build,
    package_filename,
)
from kollegium.methods.services.packages import package_import
from kollegium.methods.uploads import read_upload
from kollegium.methods.views.common import add_errors
from kollegium.methods.views.detail import method_context
from kollegium.network import permissions
from kollegium.network.decorators import staff_required

# Shown in the browser; everything else (Office files) is downloaded.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}


def serve_attachment(attachment) -> FileResponse:
    """The stored file under its own name, never guessed from its content."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=attachment.content_type not in INLINE_TYPES,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response


@staff_required
def attachment(request, ref: str, pk: int):
    return serve_attachment(access.get_attachment_for_view(request.user, ref, pk))


@staff_required
@require_POST
def attachment_add(request, ref: str):
    method = access.get_method_for_edit(request.user, ref)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.attachment_add(
                actor=request.user, method=method, name=upload.name, content=read_upload(upload)
            )
        except ValidationError as exc:
            # The type and size checks speak about the file itself.
            if hasattr(exc, "error_dict"):
                add_errors(form, exc)
            else:
                form.add_error("file", exc)
        else:
            messages.success(request, _("%(name)s has been attached.") % {"name": upload.name})
            return redirect(f"{method.get_absolute_url()}#files")
    context = method_context(request, method, attachment_form=form)
    return render(request, "methods/method_detail.html", context, status=400)


@staff_required
@require_POST
def attachment_delete(request, ref: str, pk: int):
    attachment = access.get_attachment_for_edit(request.user, ref, pk)
    services.attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("%(name)s has been removed.") % {"name": attachment.name})
    return redirect(f"{attachment.method.get_absolute_url()}#files")


def package_response(method) -> HttpResponse:
    response = HttpResponse(package_build(method), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{package_filename(method)}"'
    response["Cache-Control"] = "private, max-age=0"
    return response


@staff_required
def package(request, ref: str):
    """The method as a package another installation can import."""
    return package_response(access.get_method_for_view(request.user, ref))


@staff_required
def import_package(request):
    """Upload a package from another installation into one's own garden (or update the method
    an earlier import of it made)."""
    if not permissions.can_import_method_package(request.user):
        raise PermissionDenied
    operator = permissions.person_of(request.user) is None
    form = (OperatorPackageImportForm if operator else PackageImportForm)(
        request.POST or None, request.FILES or None
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["package"]
        try:
            if upload.size > max_package_bytes():
                raise PackageInvalid(_("The package is too large."))
            upload.seek(0)
            result = package_import(
                actor=request.user,
                data=upload.read(max_package_bytes() + 1),
                garden=form.cleaned_data.get("garden"),
            )
        except PackageInvalid as exc:
            form.add_error("package", exc.message)
        else:
            if result.created:
                text = _("“%(title)s” has been imported.")
            else:
                text = _("“%(title)s” has been updated from the package.")
            messages.success(request, text % {"title": result.method.title})
            return redirect(result.method)
    return render(request, "methods/import.html", {"form": form})
