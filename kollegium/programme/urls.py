"""The programme's URLs, gathered from one module per part (events, sign-up, the event day)."""

from kollegium.programme.urls_day import urlpatterns as day
from kollegium.programme.urls_events import urlpatterns as events
from kollegium.programme.urls_letter import urlpatterns as letter
from kollegium.programme.urls_signup import urlpatterns as signup

app_name = "programme"
urlpatterns = [*events, *signup, *day, *letter]
