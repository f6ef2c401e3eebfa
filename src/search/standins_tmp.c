/*
 * TEMPORARY -- DELETE THIS FILE when the report writer (src/report/report.h)
 * is on main.  A stand-in so the search driver can be built and tested
 * before it lands: a report that writes results.json and a one-line
 * summary.  Nothing else may call it.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <string.h>

#include "util/atomic_file.h"
#include "search/json.h"
#include "search/run.h"

/* ---- report ---- */

int search_report_write(const char *dir, const search_meta *m, const search_run *runs, size_t n,
                        const search_act_cost *costs, size_t ncosts, char *err, size_t errlen);
void search_report_summary(FILE *f, const search_meta *m, const search_run *runs, size_t n,
                           const search_act_cost *costs, size_t ncosts);

int search_report_write(const char *dir, const search_meta *m, const search_run *runs, size_t n,
                        const search_act_cost *costs, size_t ncosts, char *err, size_t errlen)
{
    (void)m, (void)costs, (void)ncosts;
    char path[4096];
    snprintf(path, sizeof path, "%s/results.json", dir);
    atomic_file af;
    if (atomic_open(&af, path)) return snprintf(err, errlen, "%s: %s", path, strerror(errno)), -1;
    fputs("{\"format\":\"standin\",\"runs\":[", af.f);
    for (size_t i = 0; i < n; i++) {
        fprintf(af.f, "%s{\"act\":", i ? "," : "");
        sjson_write_str(af.f, runs[i].act);
        fprintf(af.f, ",\"seed\":%d,\"best_epoch\":%d,\"diverged\":%d,\"test_acc\":", runs[i].seed,
                runs[i].best_epoch, runs[i].diverged);
        sjson_write_num(af.f, runs[i].test_acc);
        fputc('}', af.f);
    }
    fputs("]}\n", af.f);
    return atomic_commit(&af) ? (snprintf(err, errlen, "%s: %s", path, strerror(errno)), -1) : 0;
}

void search_report_summary(FILE *f, const search_meta *m, const search_run *runs, size_t n,
                           const search_act_cost *costs, size_t ncosts)
{
    (void)costs, (void)ncosts;
    const search_run *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (!runs[i].diverged && (!best || runs[i].test_acc > best->test_acc)) best = &runs[i];
    fprintf(f, "%zu runs of %s on %s (stand-in report)\n", n, m->model, m->data);
    if (best) fprintf(f, "best single run: %s seed %d, test %.2f%%\n", best->act, best->seed, 100 * best->test_acc);
}
