"""A lesson's quiz, read from its StreamField, and graded on the server.

Questions are keyed "<block id>-<question position>" and choices by position, so the form the
browser gets carries no trace of which choices are right.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    choices: tuple[str, ...]
    correct: frozenset[int] = field(repr=False)
    explanation: str = ""

    @property
    def multiple(self) -> bool:
        return len(self.correct) > 1


def questions_of(lesson) -> list[Question]:
    questions = []
    for block in lesson.body:
        if block.block_type != "quiz":
            continue
        for position, item in enumerate(block.value["questions"]):
            choices = list(item["choices"])
            questions.append(
                Question(
                    key=f"{block.id}-{position}",
                    text=item["question"],
                    choices=tuple(choice["text"] for choice in choices),
                    correct=frozenset(n for n, choice in enumerate(choices) if choice["correct"]),
                    explanation=item["explanation"] or "",
                )
            )
    return questions


def has_quiz(lesson) -> bool:
    return any(block.block_type == "quiz" for block in lesson.body)


def answers_from_post(questions, post) -> dict[str, list[int]]:
    """The learner's choices per question, keeping only valid positions (anything else is ignored)."""
    answers = {}
    for question in questions:
        chosen = set()
        for raw in post.getlist(f"q-{question.key}"):
            if raw.isdigit() and int(raw) < len(question.choices):
                chosen.add(int(raw))
        answers[question.key] = sorted(chosen)
    return answers


@dataclass
class Grade:
    correct: int
    total: int
    score: int  # per cent, rounded down
    passed: bool
    results: dict[str, bool]


def grade(questions, answers, pass_mark: int) -> Grade:
    """A question is right when exactly its correct choices were chosen."""
    results = {q.key: set(answers.get(q.key, [])) == set(q.correct) for q in questions}
    correct = sum(results.values())
    total = len(questions)
    score = correct * 100 // total if total else 0
    passed = total > 0 and score >= pass_mark
    return Grade(correct=correct, total=total, score=score, passed=passed, results=results)
