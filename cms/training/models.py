"""The training records, defined in ``cms/training_models.py`` (so that ``cms.models`` can register
them without importing this package); re-exported here for the training code and its callers."""

from ..training_models import (  # noqa: F401
    CODE_ALPHABET,
    AffairsStaff,
    AttendanceImport,
    CourseCompletion,
    LessonProgress,
    QuizAttempt,
    RegistryEntry,
    SessionAttendance,
    Sex,
    TrainingSession,
    VillageHead,
    new_verification_code,
)
