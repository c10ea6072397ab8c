from django.urls import path

from . import signoff_views, views, worklist_views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report/", views.printable_report, name="report"),
    path("export/", views.export, name="export"),
    path("export/<int:pk>/", views.export_job, name="export-job"),
    path("targets/", views.targets, name="targets"),
    path("signoff/", signoff_views.signoff_list, name="signoff"),
    path("signoff/<str:key>/<int:commune_id>/", signoff_views.signoff_month, name="signoff-month"),
    path("packs/", signoff_views.packs, name="packs"),
    path("packs/<int:pk>/", signoff_views.pack, name="pack"),
    path("worklist/", worklist_views.worklist_page, name="worklist"),
    path("worklist/<int:pk>/note/", worklist_views.worklist_note, name="worklist-note"),
]
