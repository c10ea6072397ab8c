"""Training pages outside the Wagtail tree: learner actions, certificates, officials' records."""

from django.urls import path

from .training.views import learner, officials

app_name = "training"

urlpatterns = [
    path("", learner.my_learning, name="mine"),
    path("lessons/<int:pk>/done/", learner.lesson_done, name="lesson-done"),
    path("lessons/<int:pk>/quiz/", learner.quiz_submit, name="quiz"),
    path("certificates/<str:code>/", learner.certificate, name="certificate"),
    path("verify/<str:code>/", learner.verify, name="verify"),
    # Officials: registries, in-person sessions and their attendance.
    path("officials/", officials.overview, name="officials"),
    path("officials/village-heads/", officials.village_heads, name="village-heads"),
    path("officials/village-heads/new/", officials.village_head_form, name="village-head-new"),
    path("officials/village-heads/import/", officials.village_heads_import, name="village-heads-import"),
    path("officials/village-heads/<int:pk>/", officials.village_head_form, name="village-head-edit"),
    path("officials/staff/", officials.staff_list, name="staff"),
    path("officials/staff/new/", officials.staff_form, name="staff-new"),
    path("officials/staff/import/", officials.staff_import, name="staff-import"),
    path("officials/staff/<int:pk>/", officials.staff_form, name="staff-edit"),
    path("officials/sessions/new/", officials.session_new, name="session-new"),
    path("officials/sessions/<int:pk>/", officials.session_detail, name="session"),
    path("officials/sessions/<int:pk>/import/", officials.session_import, name="session-import"),
    path("officials/imports/<int:pk>/", officials.import_status, name="import"),
    path("officials/imports/<int:pk>/progress.json", officials.import_progress, name="import-progress"),
]
