"""The JSON API of a real server on loopback: the CLI's contract, the cache, what bad input gets
(413, 422 with the field or what was not read), the security headers, and escaping."""

from __future__ import annotations

import re

import httpx
import pytest

from optiproof.families.problem import problem_json_schema
from server_load import CORPUS, bundled_texts

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

STEP = ("Let g = [3, -1, 2] be the gradient and alpha = 0.5. Find "
        "u = argmin_d g^T d + (1/alpha) ||d||_inf^2. Which optimizer is this?")


def post(server, path: str, **kwargs) -> httpx.Response:
    return httpx.post(f"{server.base}{path}", timeout=120, **kwargs)


def test_health_and_schema(server):
    health = httpx.get(f"{server.base}/api/health").json()
    assert health["status"] == "ok" and health["workers"] == 2
    assert httpx.get(f"{server.base}/api/schema").json() == problem_json_schema()


def test_read_gives_the_reading_and_its_form(server):
    body = post(server, "/api/read", json={"problem": STEP}).json()
    assert body["complete"] and body["reading"]["parts"][0]["family"] == "steepest-descent"
    items = {i["name"]: i for i in body["form"]["parts"][0]["items"]}
    assert items["norm"]["value"] == "linf" and items["norm"]["kind"] == "choice"


def test_solve_answers_with_the_command_line_contract_then_from_the_cache(server):
    first = post(server, "/api/solve", json={"problem": STEP})
    assert first.status_code == 200, first.text
    body = first.json()
    assert {"title", "parts"} <= set(body) and not {"views", "cached"} & set(body)
    part = body["parts"][0]
    assert part["identified_as"] == "sign gradient descent" and part["verified"]
    assert part["answers"][0]["value"] == [-1.5, 1.5, -1.5]
    again = post(server, "/api/solve", json={"problem": STEP}).json()
    assert "witnesses_ran_at" in again.pop("cached")
    assert again == body


def test_solve_with_views_gives_the_report_fragment_and_the_markdown(server):
    body = post(server, "/api/solve", json={"problem": STEP,
                                            "views": ["html", "markdown"]}).json()
    html, markdown = body["views"]["html"], body["views"]["markdown"]
    assert "<math" in html and 'class="copy-latex"' in html and "<details" in html
    assert "sign gradient descent" in markdown and not html.lstrip().startswith("<!DOCTYPE")


def test_a_spec_solves_too(server):
    spec = {"title": "Spec", "parts": [{"family": "steepest-descent", "norm": "l1",
                                        "gradient": [3, -1, 2], "alpha": 0.5,
                                        "asks": ["update"]}]}
    part = post(server, "/api/solve", json={"spec": spec}).json()["parts"][0]
    assert part["verified"] and part["answers"][0]["value"] == [-0.75, 0, 0]


@pytest.mark.parametrize("request_body, field", [
    ({"spec": {"parts": [{"family": "steepest-descent", "norm": "l7", "gradient": "g"}]}},
     "norm"),
    ({"problem": STEP, "spec": {"parts": []}}, "problem"),
    ({}, "problem"),
    ({"problem": STEP, "views": ["pdf"]}, "views.0"),
    ({"form": {"parts": [{"label": "a", "fields": {
        "family": "adam-mechanics", "asks": ["first-step"],
        "beta1": "__import__('os').getpid()"}}]}}, "beta1"),
])
def test_bad_input_is_422_naming_the_field(server, request_body, field):
    response = post(server, "/api/solve", json=request_body)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "bad input" and field in (body.get("field") or body["message"])
    assert "Traceback" not in response.text


def test_the_reader_refusal_is_422_with_what_was_not_read(server):
    text = ("Consider least squares with X = [[1, 2]] and y = [3]. Where does gradient descent "
            "converge?")
    response = post(server, "/api/solve", json={"problem": text})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "not read" and any("theta0" in line for line in body["not_read"])
    assert any(i["missing"] for i in body["form"]["parts"][0]["items"])


def test_an_oversized_body_is_413(server):
    response = post(server, "/api/read", content=b"x" * 11_000_000,
                    headers={"content-type": "application/json"})
    assert response.status_code == 413 and "larger than" in response.json()["message"]


def test_a_problem_over_the_text_limit_is_422(server):
    response = post(server, "/api/read", json={"problem": "a" * 200_001})
    assert response.status_code == 422 and response.json()["field"] == "problem"


def test_check_grades_pasted_and_uploaded_answers(server):
    texts = bundled_texts()
    wrong = (CORPUS / "penalized-linear-improvement" / "wrong-update-b.md").read_bytes()
    right = (CORPUS / "penalized-linear-improvement" / "correct-plain.txt").read_bytes()
    response = post(server, "/api/check", data={"problem": texts["penalized-linear-improvement"],
                                                "views": "html"},
                    files=[("files", ("../../etc/wrong.md", wrong, "text/markdown")),
                           ("files", ("right.txt", right, "text/plain"))])
    assert response.status_code == 200, response.text
    reports = response.json()["reports"]
    assert [r["source"] for r in reports] == ["wrong.md", "right.txt"]
    assert reports[0]["score"] < 1 and reports[1]["score"] == 1
    assert any(f["kind"] == "wrong-answer" for p in reports[0]["parts"] for f in p["findings"])
    assert "<math" in reports[0]["html"]
    as_json = post(server, "/api/check", json={
        "bundled": "penalized-linear-improvement.txt", "reveal": True,
        "answers": [{"name": "w.md", "text": wrong.decode()}]}).json()
    assert as_json["reports"][0]["parts"][1]["expected"]


def test_check_refuses_a_binary_answer_and_an_unknown_bundled_problem(server):
    binary = post(server, "/api/check", json={"bundled": "penalized-linear-improvement.txt",
                                              "answers": [{"text": "\x00\x01\x02 binary"}]})
    assert binary.status_code == 422 and "binary" in binary.json()["message"]
    unknown = post(server, "/api/check", json={"bundled": "nope.txt",
                                               "answers": [{"text": "u = 0"}]})
    assert unknown.status_code == 422 and unknown.json()["field"] == "bundled"


def test_every_response_has_the_security_headers(server):
    for response in (httpx.get(f"{server.base}/"), httpx.get(f"{server.base}/api/health"),
                     post(server, "/api/read", json={})):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "unsafe-eval" not in csp and "default-src 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script_or_style(server):
    for path in ("/", "/check", "/docs"):
        page = httpx.get(f"{server.base}{path}").text
        assert not re.search(r"<script(?![^>]*\ssrc=)", page), path
        assert "<style" not in page and " style=" not in page and " on" + "click" not in page
        for asset in re.findall(r'(?:src|href)="(/[^"]+)"', page):
            assert httpx.get(f"{server.base}{asset}").status_code == 200, asset


def test_user_text_is_escaped_in_the_report(server):
    text = STEP.replace("Which optimizer is this?",
                        "Which optimizer is this? <script>alert(1)</script><img src=x>")
    body = post(server, "/api/solve", json={"problem": text, "views": ["html"]}).json()
    html = body["views"]["html"]
    assert "<script" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;" in html


def test_requests_for_another_host_or_from_another_site_are_refused(server):
    other_host = httpx.get(f"{server.base}/api/health", headers={"host": "evil.example"})
    assert other_host.status_code == 400
    other_site = post(server, "/api/read", json={"problem": STEP},
                      headers={"origin": "http://evil.example"})
    assert other_site.status_code == 403


def test_the_openapi_document_lists_the_api(server):
    paths = httpx.get(f"{server.base}/openapi.json").json()["paths"]
    assert {"/api/read", "/api/solve", "/api/check", "/api/schema", "/api/health"} <= set(paths)
    check = paths["/api/check"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(check)


def test_a_body_nested_too_deeply_or_an_unknown_path_gets_a_message(server):
    nested = '{"spec": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = post(server, "/api/solve", content=nested,
                    headers={"content-type": "application/json"})
    assert response.status_code == 400 and response.json()["error"] == "bad request"
    missing = httpx.get(f"{server.base}/api/nothing")
    assert missing.status_code == 404 and missing.json()["error"] == "not found"
    wrong = httpx.get(f"{server.base}/api/solve")
    assert wrong.status_code == 405 and wrong.json()["message"] == "Method Not Allowed"


def test_a_body_that_is_not_json_is_422_saying_so(server):
    response = post(server, "/api/solve", content=b"problem: not json",
                    headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["field"] == "body" and body["message"].startswith("the request body is not JSON")


PARTLY_READ = ("Two steps\n\nLet g = (2, -1, 4) and alpha = 0.5.\n\n(a) Compute u = argmin_d "
               "g^T d + (1/alpha) ||d||_inf^2. Give u.\n\n(b) Find the name of the ship that "
               "sailed to Lisbon in 1755.\n")


def test_a_partly_read_text_is_answered_where_it_was_read(server):
    read = post(server, "/api/read", json={"problem": PARTLY_READ}).json()
    assert read["complete"] is False and read["form"]["answerable"] == ["a"]
    response = post(server, "/api/solve", json={"problem": PARTLY_READ, "views": ["html"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [p["label"] for p in body["parts"]] == ["a"] and body["parts"][0]["verified"]
    assert [n["label"] for n in body["not_answered"]] == ["b"]
    assert "ship that sailed" in " ".join(body["not_answered"][0]["not_read"])
    assert "NOT ANSWERED" in body["views"]["html"]
    whole = post(server, "/api/solve", json={"problem": PARTLY_READ, "whole": True})
    assert whole.status_code == 422 and whole.json()["error"] == "not read"
