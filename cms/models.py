"""Wagtail pages: the home page, training courses with lessons, and news.

The training records (registries of village heads and staff, progress, quiz attempts,
completions, in-person sessions) live in ``cms/training_models.py`` and are imported at the
end of this module so Django registers them with the ``cms`` app. The learner's progress on a
course or lesson page comes from ``cms/templatetags/training_tags.py`` (pages stay free of the
training logic, which imports them).
"""

from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import LessonStreamBlock


class HomePage(Page):
    intro = models.CharField(_("giới thiệu"), max_length=255, blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["cms.CourseIndexPage", "cms.NewsIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from marketplace.catalogue.selectors import featured_products

        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = featured_products(limit=8)
        context["today"] = timezone.localdate()  # the product card shows stars valid today
        context["courses"] = CoursePage.objects.live().public().order_by("-first_published_at")[:3]
        return context


class CourseIndexPage(Page):
    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh sách khoá học")
        verbose_name_plural = _("danh sách khoá học")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().public()
        return context


class Audience(models.TextChoices):
    SELLERS = "sellers", _("Người bán, hợp tác xã, doanh nghiệp")
    LEADERS = "leaders", _("Trưởng bản, người có uy tín")
    STAFF = "staff", _("Cán bộ làm công tác dân tộc")
    EVERYONE = "everyone", _("Mọi người")


class CoursePage(Page):
    """A digital-skills course: an introduction and its LessonPage children, in tree order."""

    Audience = Audience

    audience = models.CharField(
        _("đối tượng"), max_length=10, choices=Audience.choices, default=Audience.SELLERS
    )
    summary = models.CharField(_("tóm tắt"), max_length=255, blank=True)
    duration_minutes = models.PositiveIntegerField(_("thời lượng (phút)"), default=30)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ảnh bìa"),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("điểm đạt (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Phần trăm câu trả lời đúng cần có để đạt mỗi bài kiểm tra."),
    )
    # Before lessons existed a course was this one rich-text field; it is now the introduction.
    body = RichTextField(_("giới thiệu khoá học"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("summary"), FieldPanel("duration_minutes")],
            heading=_("Khoá học"),
        ),
        FieldPanel("cover_image"),
        FieldPanel("pass_mark"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["cms.CourseIndexPage"]
    subpage_types = ["cms.LessonPage"]

    class Meta:
        verbose_name = _("khoá học")
        verbose_name_plural = _("khoá học")

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")


class LessonPage(Page):
    """One lesson of a course; its body may hold a quiz, graded on the server."""

    body = StreamField(LessonStreamBlock(), verbose_name=_("nội dung bài học"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["cms.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    @property
    def course(self):
        return CoursePage.objects.parent_of(self).first()


class NewsIndexPage(Page):
    ARTICLES_PER_PAGE = 10

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang tin tức")
        verbose_name_plural = _("trang tin tức")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Newest first; several items on one day by publication time; 10 per page (?page=2).
        articles = NewsPage.objects.child_of(self).live().public()
        articles = articles.order_by("-date", "-first_published_at", "-pk")
        page = Paginator(articles, self.ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
        context["articles"] = page
        context["page_obj"] = page
        return context


class NewsPage(Page):
    date = models.DateField(_("ngày đăng"))
    summary = models.CharField(_("tóm tắt"), max_length=255, blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài tin tức")
        verbose_name_plural = _("bài tin tức")


# Training records, registered with this app (see the module docstring).
from .training_models import (  # noqa: E402, F401
    AffairsStaff,
    AttendanceImport,
    CourseCompletion,
    LessonProgress,
    QuizAttempt,
    SessionAttendance,
    TrainingSession,
    VillageHead,
)
