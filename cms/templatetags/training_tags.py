"""The learner's state on a course or lesson page (progress, quiz without answers, completion)."""

from django import template

from cms.training.selectors import course_progress, lesson_context

register = template.Library()


@register.simple_tag(takes_context=True)
def load_course_state(context, course):
    """Puts ``lessons`` and ``progress`` in the template context (of the enclosing block)."""
    lessons = list(course.lessons())
    progress = course_progress(context["request"].user, course, lessons)
    context.update({"lessons": lessons, "progress": progress})
    return ""


@register.simple_tag(takes_context=True)
def load_lesson_state(context, lesson):
    """Puts the course, neighbours, quiz questions (no answers) and progress in the context."""
    context.update(lesson_context(context["request"].user, lesson))
    return ""
