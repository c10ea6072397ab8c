"""Wagtail pages: the home page, training courses with lessons, and news."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = models.CharField(_("giới thiệu"), max_length=255, blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

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

    class Meta:
        verbose_name = _("danh sách khóa học")
        verbose_name_plural = _("danh sách khóa học")

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

    class Meta:
        verbose_name = _("khóa học")
        verbose_name_plural = _("khóa học")

    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.CourseIndexPage"]
    subpage_types = []


class NewsIndexPage(Page):
    ARTICLES_PER_PAGE = 10

    class Meta:
        verbose_name = _("trang tin tức")
        verbose_name_plural = _("trang tin tức")

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

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

    class Meta:
        verbose_name = _("bản tin")
        verbose_name_plural = _("bản tin")

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
