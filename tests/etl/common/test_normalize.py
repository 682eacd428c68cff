"""Text helpers the stages share."""
from __future__ import annotations

from etl.common.normalize import in_capitals


def test_a_line_in_capitals_has_letters_and_every_one_a_capital() -> None:
    assert in_capitals("SECTIONS OF THE COMMUNIST INTERNATIONAL:")
    assert in_capitals("PARTIDO COMUNISTA DE ESPAÑA (PCE) — 1921")
    assert not in_capitals("SECTIONS of the International")
    assert not in_capitals("1917 — 2017")  # no letters
    assert not in_capitals("КОМИНТЕРН 共产国际")  # a letter of no case is no capital
