"""The demo's training data: real courses, registries in several communes, partial completions."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import CoursePage
from cms.selectors import (
    registered_staff,
    registered_village_heads,
    trained_seller_ids,
    trained_staff_ids,
    trained_village_head_ids,
)
from cms.training.models import CourseCompletion, TrainingSession, VillageHead
from cms.training.quiz import questions_of
from sellers.models import Seller

pytestmark = pytest.mark.django_db


def test_demo_training_is_partial_and_real(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", small=True, no_progress=True, stdout=StringIO())
    today = timezone.localdate()
    with_quiz = [
        course
        for course in CoursePage.objects.live()
        if course.lessons().count() >= 2 and any(questions_of(lesson) for lesson in course.lessons())
    ]
    assert len(with_quiz) >= 3
    assert "Chụp ảnh sản phẩm bằng điện thoại" in {c.title for c in with_quiz}
    assert VillageHead.objects.values("commune").distinct().count() >= 4
    assert set(CourseCompletion.objects.values_list("source", flat=True)) == {"online", "in_person"}
    assert TrainingSession.objects.values("commune").distinct().count() >= 3

    sellers = Seller.objects.filter(commune__is_em_area=True)
    ratios = {
        "I4": sellers.filter(pk__in=trained_seller_ids(today)).count() / sellers.count(),
        "I5": registered_village_heads(today).filter(pk__in=trained_village_head_ids(today)).count()
        / registered_village_heads(today).count(),
        "I6": registered_staff(today).filter(pk__in=trained_staff_ids(today)).count()
        / registered_staff(today).count(),
    }
    assert all(0.1 <= ratio <= 0.9 for ratio in ratios.values()), ratios
    # Seeding again adds nothing.
    counts = (CourseCompletion.objects.count(), VillageHead.objects.count(), TrainingSession.objects.count())
    call_command("seed_demo", small=True, no_progress=True, stdout=StringIO())
    assert counts == (
        CourseCompletion.objects.count(),
        VillageHead.objects.count(),
        TrainingSession.objects.count(),
    )
