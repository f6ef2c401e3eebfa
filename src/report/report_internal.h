/* What the report writers share: the context they render, and formatting. */
#ifndef ACTIV_REPORT_INTERNAL_H
#define ACTIV_REPORT_INTERNAL_H

#include <stdio.h>

#include "report/json_out.h"

#include "report/report.h"
#include "search/stats.h"

typedef struct report_ctx {
    const search_meta *m;
    const search_run *runs;
    size_t nruns;
    const search_stats *s;
    const search_prediction *pred; /* optional */
    size_t npred;
    const char *dir;
} report_ctx;

/* One writer per file; each returns 0, or -1 if writing failed. */
int report_html(FILE *f, const report_ctx *c);
int report_markdown(FILE *f, const report_ctx *c);
int report_results_csv(FILE *f, const report_ctx *c);
int report_runs_csv(FILE *f, const report_ctx *c);
int report_curves_csv(FILE *f, const report_ctx *c);
int report_json(FILE *f, const report_ctx *c);
void report_terminal(FILE *f, const report_ctx *c);

/* The reproducibility header, one list for every format. */
typedef struct report_kv {
    const char *key;   /* machine name ("commit") */
    const char *title; /* for people ("Git commit") */
    const char *str;   /* the value as text, or NULL for a number */
    double num;
} report_kv;
#define REPORT_KV_MAX 20
size_t report_header(const report_ctx *c, report_kv *kv, char *seeds, size_t seedslen);

/* "91.23" from 0.91234 (percent, 2 decimals), "n/a" if not finite. */
const char *fmt_pct(char *buf, size_t len, double frac);
/* "+1.23" percentage points, "n/a" if not finite. */
const char *fmt_pp(char *buf, size_t len, double diff);
/* A p-value: "0.0028", "<0.0001", "n/a". */
const char *fmt_p(char *buf, size_t len, double p);
/* "%.*f" or "n/a". */
const char *fmt_num(char *buf, size_t len, double v, int decimals);

/* A JSON string (escaped, null for NULL) and number (null if not finite). */
/* A CSV field (quoted if it holds a comma, quote or newline), a number (empty if not finite). */
void csv_string(FILE *f, const char *s);
void csv_number(FILE *f, double v);

/* One sentence: the winner, its lead over the baseline, and whether the lead is significant at SEARCH_REPORT_ALPHA. */
void report_verdict(const report_ctx *c, char *buf, size_t len);

/* The prediction for an activation, NaN if none. */
/* The measured properties behind an activation's predicted score, or NULL. */
const activ_measured *report_props(const report_ctx *c, const char *act);
double report_predicted(const report_ctx *c, const char *act);
/* Spearman's rho between predicted scores and measured mean accuracies over the *n activations that have both. */
double report_spearman(const report_ctx *c, size_t *n);

#endif
