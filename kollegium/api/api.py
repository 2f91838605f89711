from ninja import NinjaAPI

api = NinjaAPI(title="Kollegium API", version="1", urls_namespace="api")
