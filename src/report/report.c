#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/atomic_file.h"
#include "report/report_internal.h"

/* ---- formatting shared by the writers ---------------------------------------- */

const char *fmt_num(char *buf, size_t len, double v, int decimals)
{
    if (isfinite(v)) snprintf(buf, len, "%.*f", decimals, v);
    else snprintf(buf, len, "n/a");
    return buf;
}

const char *fmt_pct(char *buf, size_t len, double frac) { return fmt_num(buf, len, 100 * frac, 2); }

const char *fmt_pp(char *buf, size_t len, double diff)
{
    if (isfinite(diff)) snprintf(buf, len, "%+.2f", 100 * diff);
    else snprintf(buf, len, "n/a");
    return buf;
}

const char *fmt_p(char *buf, size_t len, double p)
{
    if (!isfinite(p)) snprintf(buf, len, "n/a");
    else if (p < 1e-4) snprintf(buf, len, "<0.0001");
    else snprintf(buf, len, "%.4f", p);
    return buf;
}

void csv_string(FILE *f, const char *s)
{
    if (!s) return;
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void csv_number(FILE *f, double v)
{
    if (isfinite(v)) fprintf(f, "%.10g", v);
}

const activ_measured *report_props(const report_ctx *c, const char *act)
{
    for (size_t i = 0; i < c->npred; i++)
        if (c->pred[i].act && !strcmp(c->pred[i].act, act)) return c->pred[i].props;
    return NULL;
}

double report_predicted(const report_ctx *c, const char *act)
{
    for (size_t i = 0; i < c->npred; i++)
        if (c->pred[i].act && !strcmp(c->pred[i].act, act)) return c->pred[i].score;
    return NAN;
}

double report_spearman(const report_ctx *c, size_t *n)
{
    const search_stats *s = c->s;
    double *x = malloc(2 * s->nacts * sizeof *x);
    *n = 0;
    if (!x) return NAN;
    double *y = x + s->nacts;
    for (size_t i = 0; i < s->nacts; i++) {
        double p = report_predicted(c, s->acts[i].act);
        if (isfinite(p) && isfinite(s->acts[i].mean)) x[*n] = p, y[(*n)++] = s->acts[i].mean;
    }
    double rho = stat_spearman(x, y, *n);
    free(x);
    return rho;
}

/* "p = 0.0742", "p < 0.0001" or "p undefined", for sentences. */
static const char *p_clause(char *buf, size_t len, double p)
{
    if (!isfinite(p)) snprintf(buf, len, "p undefined");
    else if (p < 1e-4) snprintf(buf, len, "p < 0.0001");
    else snprintf(buf, len, "p = %.4f", p);
    return buf;
}

void report_verdict(const report_ctx *c, char *buf, size_t len)
{
    const search_stats *s = c->s;
    const search_act_stats *w = &s->acts[s->winner], *b = &s->acts[s->baseline];
    char wm[32], bm[32], d[32], p[32];
    fmt_pct(wm, sizeof wm, w->mean), fmt_pct(bm, sizeof bm, b->mean);
    if (s->nacts == 1) {
        snprintf(buf, len, "Only the baseline %s was searched: %s%% test accuracy.", b->act, bm);
        return;
    }
    if (s->winner == s->baseline) {
        /* the runner-up says how close the nearest challenger came */
        const search_act_stats *r = &s->acts[s->by_rank[1]];
        snprintf(buf, len,
                 "The baseline %s is best with %s%% test accuracy; the runner-up %s is %s points behind "
                 "(paired t-test over %zu seeds, %s).",
                 b->act, bm, r->act, fmt_pp(d, sizeof d, r->diff_mean), r->n_paired, p_clause(p, sizeof p, r->p_t));
        return;
    }
    int sig = search_stats_significant(s, SEARCH_REPORT_ALPHA);
    snprintf(buf, len,
             "%s wins with %s%% test accuracy, %s points over the baseline %s (%s%%); paired t-test over %zu "
             "seeds: %s, %s at %g.",
             w->act, wm, fmt_pp(d, sizeof d, w->diff_mean), b->act, bm, w->n_paired, p_clause(p, sizeof p, w->p_t),
             sig ? "significant" : "not significant", SEARCH_REPORT_ALPHA);
}

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The distinct seeds of the runs, ascending, as "1, 2, 3". */
static void seed_list(const report_ctx *c, char *buf, size_t len)
{
    buf[0] = 0;
    int *v = malloc(c->nruns * sizeof *v);
    if (!v) return;
    for (size_t i = 0; i < c->nruns; i++) v[i] = c->runs[i].seed;
    qsort(v, c->nruns, sizeof *v, int_cmp);
    size_t used = 0;
    for (size_t i = 0; i < c->nruns; i++) {
        if (i && v[i] == v[i - 1]) continue;
        int w = snprintf(buf + used, len - used, "%s%d", used ? ", " : "", v[i]);
        if (w < 0 || (size_t)w >= len - used) break;
        used += (size_t)w;
    }
    free(v);
}

static const char *or_unknown(const char *s) { return s && *s ? s : "unknown"; }

size_t report_header(const report_ctx *c, report_kv *kv, char *seeds, size_t seedslen)
{
    const search_meta *m = c->m;
    seed_list(c, seeds, seedslen);
    size_t n = 0;
#define STR(k, t, v) kv[n++] = (report_kv){k, t, or_unknown(v), NAN}
#define NUM(k, t, v) kv[n++] = (report_kv){k, t, NULL, (double)(v)}
    STR("activ_version", "activ version", m->version);
    STR("commit", "Git commit", m->commit);
    STR("cpu", "CPU", m->cpu);
    STR("isa", "Kernel instruction set", m->isa);
    NUM("threads", "Threads", m->threads);
    NUM("workers", "Parallel runs", m->workers);
    STR("command_line", "Command line", m->command_line);
    STR("model", "Model", m->model);
    STR("data", "Data", m->data);
    STR("preset", "Preset", m->preset);
    NUM("epochs", "Epochs", m->epochs);
    NUM("seeds", "Seeds per activation", m->seeds);
    STR("seed_values", "Seed values", seeds);
    STR("baseline", "Baseline", c->s->acts[c->s->baseline].act);
    NUM("activations", "Activations", c->s->nacts);
    NUM("runs", "Runs", c->nruns);
    /* a resumed search's wall clock covers its last invocation only; the runs' own training time adds up over all */
    double train = 0;
    for (size_t i = 0; i < c->nruns; i++) train += c->runs[i].sec_per_epoch * c->runs[i].epochs_run;
    NUM("total_seconds", "Wall time of the last invocation (s)", m->total_seconds);
    NUM("training_seconds", "Training time, all runs (s)", train);
#undef STR
#undef NUM
    return n;
}

/* ---- files -------------------------------------------------------------------- */

typedef int (*writer)(FILE *f, const report_ctx *c);

static int write_one(const char *dir, const char *name, writer w, const report_ctx *c, char *err, size_t errlen)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (!path) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    snprintf(path, len, "%s/%s", dir, name);
    atomic_file af;
    if (atomic_open(&af, path)) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    if (w(af.f, c)) {
        snprintf(err, errlen, "writing %s failed", path);
        atomic_abort(&af);
        free(path);
        return -1;
    }
    if (atomic_commit(&af)) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    free(path);
    return 0;
}

int search_report_write_pred(const char *dir, const search_meta *m, const search_run *runs, size_t n,
                             const search_act_cost *costs, size_t ncosts, const search_prediction *pred,
                             size_t npred, char *err, size_t errlen)
{
    static const struct {
        const char *name;
        writer w;
    } files[] = {{"results.csv", report_results_csv}, {"runs.csv", report_runs_csv},
                 {"curves.csv", report_curves_csv},   {"results.json", report_json},
                 {"results.md", report_markdown},     {"report.html", report_html}};
    search_meta none = {0};
    search_stats s;
    if (!dir || !*dir) {
        snprintf(err, errlen, "no report directory given");
        return -1;
    }
    if (search_stats_compute(m, runs, n, costs, ncosts, &s, err, errlen)) return -1;
    report_ctx c = {m ? m : &none, runs, n, &s, pred, pred ? npred : 0, dir};
    int rc = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0] && !rc; i++)
        rc = write_one(dir, files[i].name, files[i].w, &c, err, errlen);
    search_stats_free(&s);
    return rc;
}

int search_report_write(const char *dir, const search_meta *m, const search_run *runs, size_t n,
                        const search_act_cost *costs, size_t ncosts, char *err, size_t errlen)
{
    return search_report_write_pred(dir, m, runs, n, costs, ncosts, NULL, 0, err, errlen);
}

int search_report_summary(FILE *f, const char *dir, const search_meta *m, const search_run *runs, size_t n,
                          const search_act_cost *costs, size_t ncosts, char *err, size_t errlen)
{
    search_meta none = {0};
    search_stats s;
    if (search_stats_compute(m, runs, n, costs, ncosts, &s, err, errlen)) return -1;
    report_ctx c = {m ? m : &none, runs, n, &s, NULL, 0, dir};
    report_terminal(f, &c);
    search_stats_free(&s);
    return 0;
}
