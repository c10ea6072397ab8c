"""Wagtail pages: the home page, training courses with lessons, and news."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = models.CharField(_("giới thiệu"), max_length=255, blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["cms.CourseIndexPage", "cms.NewsIndexPage"]
    max_count = 1

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().public()
        return context


class CoursePage(Page):
    """A digital-skills course (selling online, e-payment, safety) made of lessons in its body."""

    class Audience(models.TextChoices):
        SELLERS = "sellers", _("Người bán, hợp tác xã, doanh nghiệp")
        LEADERS = "leaders", _("Trưởng bản, người có uy tín")
        STAFF = "staff", _("Cán bộ làm công tác dân tộc")

    audience = models.CharField(
        _("đối tượng"), max_length=10, choices=Audience.choices, default=Audience.SELLERS
    )
    summary = models.CharField(_("tóm tắt"), max_length=255, blank=True)
    duration_minutes = models.PositiveIntegerField(_("thời lượng (phút)"), default=30)
    body = RichTextField(_("bài học"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.CourseIndexPage"]
    subpage_types = []


class NewsIndexPage(Page):
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = NewsPage.objects.child_of(self).live().public().order_by("-date")
        return context


class NewsPage(Page):
    date = models.DateField(_("ngày đăng"))
    summary = models.CharField(_("tóm tắt"), max_length=255, blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
