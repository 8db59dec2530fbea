"""Threading is pure: replies under their comment, oldest first; broken chains are found."""

from __future__ import annotations

from datetime import date, datetime

from rebellab.comments.model import BERLIN, Comment
from rebellab.comments.threads import thread_problems, threads


def comment(comment_id: str, hour: int, reply_to: str | None = None) -> Comment:
    return Comment(post="p", id=comment_id, name="N.", text="t", consent=date(2020, 1, 1),
                   date=datetime(2020, 1, 1, hour, tzinfo=BERLIN), reply_to=reply_to,
                   rel=f"data/comments/p/{comment_id}.yaml", reply_line=4)


def shape(found) -> list:
    return [(thread.comment.id, shape(thread.replies)) for thread in found]


def test_replies_nest_under_their_comment_in_date_order():
    found = threads([comment("c", 12, "a"), comment("a", 9), comment("b", 10, "a"),
                     comment("d", 8), comment("e", 13, "b")])
    assert shape(found) == [("d", []), ("a", [("b", [("e", [])]), ("c", [])])]
    assert [thread.count() for thread in found] == [1, 4]


def test_a_reply_to_a_missing_comment_stands_at_the_top():
    assert shape(threads([comment("b", 10, "gone")])) == [("b", [])]


def test_a_reply_to_an_invalid_file_is_no_further_problem():
    assert thread_problems([comment("b", 10, "a")], present={"a", "b"}) == []
    assert len(thread_problems([comment("b", 10, "a")])) == 1


def test_only_the_members_of_a_cycle_are_reported():
    found = thread_problems([comment("a", 9, "b"), comment("b", 10, "a"),
                             comment("c", 11, "a")])
    assert [(p.path, p.line) for p in found] == [("data/comments/p/a.yaml", 4),
                                                 ("data/comments/p/b.yaml", 4)]
