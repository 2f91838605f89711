class HtmxMiddleware:
    """Sets ``request.htmx`` so views can answer htmx requests with a partial."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.htmx = request.headers.get("HX-Request") == "true"
        response = self.get_response(request)
        if request.htmx:
            # The same URL answers a partial or a whole page; caches must keep them apart.
            response.headers["Vary"] = ", ".join(
                filter(None, [response.headers.get("Vary"), "HX-Request"])
            )
        return response
