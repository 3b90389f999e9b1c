"""The dry run as pure functions: per team, members new, changed and gone; decisions; reference data."""

from __future__ import annotations

from datetime import date

from antt_desktop.sync.merge import diff_commune, plan_reference


def member(member_id, name, **extra):
    return {"id": member_id, "unit_code": "X", "full_name": name, "status": "active",
            "updated_at": "t0", "sort_key": name, **extra}


def assignment(assignment_id, member_id, team_id, position="to_vien", ended_on=None, started_on=date(2024, 7, 5)):
    return {"id": assignment_id, "member_id": member_id, "team_id": team_id, "position": position,
            "started_on": started_on, "ended_on": ended_on}


TEAMS = [{"id": "t1", "name": "Tổ Thôn 2"}, {"id": "t2", "name": "Tổ Thôn 10"}]


def test_first_package_is_all_new_grouped_by_team_in_natural_order():
    incoming = {
        "teams": TEAMS,
        "members": [member("a", "An"), member("b", "Bình"), member("c", "Cúc")],
        "assignments": [assignment("x1", "a", "t2"), assignment("x2", "b", "t1")],
        "decisions": [{"id": "d1", "number": "15/QĐ-UBND", "title": "Công nhận", "kind": "cong_nhan"}],
    }
    diff = diff_commune("X", "Xã X", {"members": [], "teams": []}, incoming)
    assert diff.is_first_package
    assert (diff.new, diff.changed, diff.gone) == (3, 0, 0)
    assert [t.team_name for t in diff.teams] == ["Tổ Thôn 2", "Tổ Thôn 10", ""]   # no team last
    assert [c.full_name for c in diff.teams[2].new] == ["Cúc"]
    assert [d.number for d in diff.decisions_new] == ["15/QĐ-UBND"]
    assert diff.tables["members"].new == 3


def test_changes_name_their_fields_and_times_alone_are_not_a_change():
    existing = {
        "teams": TEAMS,
        "members": [member("a", "An", phone="0901"), member("b", "Bình"), member("g", "Giang")],
        "assignments": [assignment("x1", "a", "t1"), assignment("x2", "b", "t1"), assignment("x3", "g", "t2")],
        "member_photos": [{"id": "p", "member_id": "b", "sha256": "1"}],
        "decisions": [{"id": "d1", "number": "1", "title": "A", "kind": "k"},
                      {"id": "d2", "number": "2", "title": "B", "kind": "k"}],
    }
    incoming = {
        "teams": TEAMS,
        "members": [member("a", "An", phone="0912", updated_at="t1"), member("b", "Bình", updated_at="t9"),
                    member("n", "Nga")],
        "assignments": [assignment("x1", "a", "t2", position="to_pho"), assignment("x2", "b", "t1"),
                        assignment("x4", "n", "t1")],
        "member_photos": [{"id": "p", "member_id": "b", "sha256": "2"}],
        "decisions": [{"id": "d1", "number": "1", "title": "A sửa", "kind": "k"},
                      {"id": "d3", "number": "3", "title": "C", "kind": "k"}],
    }
    diff = diff_commune("X", "Xã X", existing, incoming)
    assert (diff.new, diff.changed, diff.gone) == (1, 2, 1)
    by_team = {t.team_name: t for t in diff.teams}
    assert [c.full_name for c in by_team["Tổ Thôn 2"].new] == ["Nga"]
    changed = {c.full_name: c.fields for t in diff.teams for c in t.changed}
    assert set(changed["An"]) == {"phone", "team", "position"}
    assert changed["Bình"] == ("photo",)
    assert [c.full_name for c in by_team["Tổ Thôn 10"].gone] == ["Giang"]   # gone: placed by its old team
    assert [d.decision_id for d in diff.decisions_new] == ["d3"]
    assert [d.decision_id for d in diff.decisions_changed] == ["d1"]
    assert [d.decision_id for d in diff.decisions_gone] == ["d2"]


def test_the_same_snapshot_twice_has_no_changes():
    rows = {"teams": TEAMS, "members": [member("a", "An")], "assignments": [assignment("x1", "a", "t1")]}
    diff = diff_commune("X", "Xã X", rows, rows)
    assert not diff.has_changes and (diff.new, diff.changed, diff.gone) == (0, 0, 0)
    assert not diff.is_first_package


def test_reference_rows_match_by_id_then_shipped_key_and_salaries_by_date():
    existing_policies = [
        {"id": "p1", "source_key": "gia-lai-2024", "province_name": "Gia Lai", "resolution_number": "03/2024",
         "parameters": {"a": 1}, "origin": "shipped", "updated_at": "x"},
        {"id": "p2", "source_key": "", "province_name": "Gia Lai", "resolution_number": "Cũ", "parameters": {}},
    ]
    incoming_policies = [
        {"id": "q1", "source_key": "gia-lai-2024", "province_name": "Gia Lai", "resolution_number": "03/2024",
         "parameters": {"a": 2}, "origin": "user", "updated_at": "y"},
        {"id": "p2", "source_key": "", "province_name": "Gia Lai", "resolution_number": "Cũ", "parameters": {}},
        {"id": "q3", "source_key": "", "province_name": "Gia Lai", "resolution_number": "12/2026", "parameters": {}},
    ]
    existing_salaries = [{"id": "s1", "effective_from": date(2024, 7, 1), "amount_dong": 2_340_000}]
    incoming_salaries = [{"id": "z1", "effective_from": date(2024, 7, 1), "amount_dong": 2_340_000},
                         {"id": "z2", "effective_from": date(2026, 7, 1), "amount_dong": 2_530_000}]
    plan = plan_reference(existing_policies, incoming_policies, existing_salaries, incoming_salaries)
    assert [c.target_id for c in plan.policies_changed] == ["p1"]
    assert [r["id"] for r in plan.policies_new] == ["q3"]
    assert [r["id"] for r in plan.salaries_new] == ["z2"]
    assert plan.salaries_changed == ()
    assert plan.unchanged == 2 and plan.has_changes
