from django.http import HttpResponse


def company_list(request):
    return HttpResponse("")


def company_detail(request, org_number):
    return HttpResponse("")
