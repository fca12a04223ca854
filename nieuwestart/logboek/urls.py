app_name = "logboek"
urlpatterns: list = []
