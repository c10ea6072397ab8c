from django.urls import path

from . import views, worklist_views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report/", views.printable_report, name="report"),
    path("export/", views.export, name="export"),
    path("export/<int:pk>/", views.export_job, name="export-job"),
    path("targets/", views.targets, name="targets"),
    path("worklist/", worklist_views.worklist_page, name="worklist"),
    path("worklist/<int:pk>/note/", worklist_views.worklist_note, name="worklist-note"),
]
