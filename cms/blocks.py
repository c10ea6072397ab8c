"""StreamField blocks of a lesson: text, image, video, document and a quiz graded on the server.

The quiz block's template never prints which choices are correct: the browser only gets the
question, the choices (by position) and, after a graded attempt, the result.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("ảnh"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "cms/blocks/figure.html"


class VideoBlock(blocks.StructBlock):
    """An uploaded video file or a link to one elsewhere; shown with controls, never autoplayed.

    A link is shown as a link, not an embedded player: nothing is downloaded until the learner
    taps it, which matters on slow mobile data.
    """

    title = blocks.CharBlock(label=_("tên video"), max_length=120)
    file = DocumentChooserBlock(label=_("tệp video (mp4, webm)"), required=False)
    url = blocks.URLBlock(label=_("hoặc đường dẫn (YouTube…)"), required=False)
    minutes = blocks.IntegerBlock(label=_("thời lượng (phút)"), required=False, min_value=1)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cms/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("file")) == bool(value.get("url")):
            message = _("Chọn một tệp video hoặc nhập một đường dẫn (chỉ một trong hai).")
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("tài liệu"))
    note = blocks.CharBlock(label=_("ghi chú"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu tải về")
        template = "cms/blocks/document.html"


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("phương án"), max_length=200)
    correct = blocks.BooleanBlock(label=_("đúng"), required=False)


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("câu hỏi"), max_length=300)
    choices = blocks.ListBlock(ChoiceBlock(), label=_("các phương án"), min_num=2, max_num=6)
    explanation = blocks.TextBlock(label=_("giải thích (hiện sau khi nộp bài)"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Đánh dấu ít nhất một phương án đúng."))}
            )
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("tiêu đề"), max_length=120, default=_("Bài kiểm tra"))
    questions = blocks.ListBlock(QuestionBlock(), label=_("câu hỏi"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Bài kiểm tra")
        # Rendered by the lesson template with the learner's form; see cms/lesson_page.html.
        template = "cms/blocks/quiz_placeholder.html"


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Văn bản"), features=RICH_TEXT_FEATURES)
    image = FigureBlock()
    video = VideoBlock()
    document = DocumentBlock()
    quiz = QuizBlock()
