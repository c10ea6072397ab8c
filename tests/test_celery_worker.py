from sellers.tasks import count_communes


def test_real_worker_runs_a_task_against_the_database(celery_worker_process):
    result = count_communes.delay()
    # 45 communes and wards come from the reference-data migration.
    assert result.get(timeout=30) == 45
