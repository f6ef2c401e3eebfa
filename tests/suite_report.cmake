# Statistics and reports of a search (src/search/stats.c, src/report/report*.c, svg_chart.c).
add_executable(test_stats test_stats.c)
target_link_libraries(test_stats PRIVATE activ_app)
add_test(NAME report.stats COMMAND test_stats)

add_executable(test_report test_report.c)
target_link_libraries(test_report PRIVATE activ_app)
set(report_dir ${CMAKE_CURRENT_BINARY_DIR}/report_out)
add_test(NAME report.files COMMAND test_report ${report_dir})
add_test(NAME report.predicted COMMAND test_report --predict ${CMAKE_CURRENT_BINARY_DIR}/report_pred)
set_tests_properties(report.files PROPERTIES FIXTURES_SETUP report_files)

# results.json read back by an independent parser
find_program(PYTHON3 python3)
if(PYTHON3)
  add_test(NAME report.json COMMAND ${PYTHON3} -c [=[
import json, math, sys
d = json.load(open(sys.argv[1]))
h = d["header"]
assert h["commit"] == "abc1234" and h["seeds"] == 3 and h["seed_values"] == "1, 2, 3", h
assert h["command_line"].startswith("activ search --model cnn"), h
assert d["baseline"] == "relu" and d["winner"] == "mish" and d["significant"] is False, d
acts = {a["activation"]: a for a in d["activations"]}
assert [a["activation"] for a in d["activations"]] == ["mish", "relu", "tanh"]
m = acts["mish"]
assert abs(m["test_acc_mean"] - 0.93) < 1e-12 and abs(m["diff_vs_baseline"] - 0.02) < 1e-12, m
assert abs(m["p_paired_t"] - (1 - 2 * math.sqrt(3) / math.sqrt(14))) < 1e-9, m
assert abs(m["ci95_hi"] - m["test_acc_mean"] - 4.302652729911275 * 0.01 / math.sqrt(3)) < 1e-9, m
assert acts["relu"]["p_paired_t"] is None and acts["relu"]["baseline"] is True
t = acts["tanh"]
assert t["runs"] == 3 and t["diverged"] == 1 and abs(t["test_acc_mean"] - 0.67) < 1e-12, t
assert abs(acts["tanh"]["time_ratio"] - 2.0) < 1e-12 and acts["mish"]["fwd_ns_per_elem"] == 1.5
assert len(d["runs"]) == 9 and len(m["val_acc_mean_curve"]) == 5
div = [r for r in d["runs"] if r["diverged"]]
assert len(div) == 1 and div[0]["epochs"][3]["train_loss"] is None and div[0]["diverged_epoch"] == 4
print("results.json: all checks passed")
]=] ${report_dir}/results.json)
  set_tests_properties(report.json PROPERTIES FIXTURES_REQUIRED report_files)
endif()

# report.html in headless Chromium: the plots are there once rendered (77: skipped without chromium)
add_test(NAME report.render COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/render_report.sh ${report_dir}/report.html)
set_tests_properties(report.render PROPERTIES FIXTURES_REQUIRED report_files SKIP_RETURN_CODE 77 TIMEOUT 60)
