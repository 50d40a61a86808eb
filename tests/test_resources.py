"""Declared resources (workflow/resources.yaml via lazyrich.resources) and the job table of lazyrich.jobs."""

import pytest

from lazyrich import jobs, resources

TABLE = resources.load_table()


def test_every_profile_has_a_complete_default_and_known_gpu_rules():
    for profile, prof in TABLE["profiles"].items():
        assert set(resources.KEYS) <= set(prof["default"]), profile
        assert set(prof["gpu_rules"]) <= set(TABLE["gpu_sections"]), profile
        for rule, entry in prof["rules"].items():
            assert set(entry) <= set(resources.KEYS), (profile, rule)


def test_wildcard_values_pick_their_entry():
    assert resources.rule_entry(TABLE, "paper", "integrable_train", ["cifar10", "relu"])["minutes"] == 66.5
    assert resources.rule_entry(TABLE, "default", "integrable_train", ["mnist", "elu"])["minutes"] == 1.9
    assert resources.rule_entry(TABLE, "paper", "data_prepare", ["uci_plant"])["minutes"] == 0.1  # "*"
    assert resources.rule_entry(TABLE, "paper", "asymmetric_real_train_gd", ["mnist"])["mem_mb"] == 16000
    assert resources.rule_entry(TABLE, "smoke", "not_a_listed_rule") == {"minutes": 0.2, "mem_mb": 2000}


def test_runtime_has_a_floor_a_margin_and_grows_with_the_attempt():
    assert resources.runtime_minutes(TABLE, 0.1) == 10
    assert resources.runtime_minutes(TABLE, 396) == 792
    assert resources.runtime_minutes(TABLE, 396, attempt=2) == 1584


def test_gpu_only_where_the_profile_runs_on_one_the_device_allows_and_gpus_are_declared():
    sections = {"scaling_path": {"device": "auto"}, "integrable": {"device": "cpu"}}
    assert resources.wants_gpu(TABLE, "paper", "scaling_path_vp", sections, gpus_declared=2)
    assert not resources.wants_gpu(TABLE, "paper", "scaling_path_vp", sections, gpus_declared=0)
    assert not resources.wants_gpu(TABLE, "paper", "integrable_train", sections, gpus_declared=2)  # device: cpu
    assert not resources.wants_gpu(TABLE, "default", "scaling_path_vp", sections, gpus_declared=2)
    assert not resources.wants_gpu(TABLE, "paper", "scaling_path_figures", sections, gpus_declared=2)


def test_critical_path_follows_the_most_expensive_chain():
    a = jobs.Job("a", outputs=["a.out"], minutes=1)
    b = jobs.Job("b", inputs=["a.out"], outputs=["b.out"], minutes=5)
    c = jobs.Job("c", inputs=["a.out"], outputs=["c.out"], minutes=2)
    d = jobs.Job("d", inputs=["b.out", "c.out"], outputs=["d.out"], minutes=1)
    assert [j.rule for j in jobs.critical_path([d, c, b, a])] == ["a", "b", "d"]


@pytest.fixture(scope="module")
def paper_plan():
    return jobs.plan("paper", gpus=2)


def test_every_paper_job_declares_its_table_resources(paper_plan):
    assert len(paper_plan) > 60
    for job in paper_plan:
        entry = resources.rule_entry(TABLE, "paper", job.rule, job.wildcards.values())
        assert int(job.declared["mem_mb"]) == entry["mem_mb"], job.name
        assert int(job.declared["runtime"]) == resources.runtime_minutes(TABLE, entry["minutes"]), job.name
        assert ("gpu" in job.declared) == (job.rule in TABLE["profiles"]["paper"]["gpu_rules"]), job.name


def test_job_report_names_total_largest_share_and_critical_path(paper_plan):
    text = jobs.report("paper", paper_plan)
    assert "total" in text and "largest job: asymmetric_real_train_gd[exp=mnist]" in text
    assert "critical path:" in text and "-> asymmetric_real_train_gd[exp=mnist] ->" in text


def test_a_plain_local_run_requests_no_gpu():
    assert not [j.name for j in jobs.plan("paper") if "gpu" in j.declared]
