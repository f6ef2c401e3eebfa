/*
 * The report of a finished search: statistics (search/stats.h) of the runs,
 * written into a directory as report.html (one self-contained page),
 * results.md (the survey's Table 8 shape), results.csv, runs.csv,
 * curves.csv and results.json, and summarised on a terminal.
 * docs/report.md describes every file and number.
 */
#ifndef ACTIV_REPORT_H
#define ACTIV_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "activ/props.h"
#include "search/run.h"

/* Optional: a score per activation predicted from its properties (higher: expected to do better). */
typedef struct search_prediction {
    const char *act; /* as in search_run.act */
    double score;
    const activ_measured *props; /* the properties behind the score, shown beside the results (may be NULL) */
} search_prediction;

/*
 * Writes every file into dir (which must exist), each atomically: a file is
 * whole or absent, never half written.  0, or -1 with a message naming the
 * file or the bad run.
 */
int search_report_write(const char *dir, const search_meta *m, const search_run *runs, size_t n,
                        const search_act_cost *costs, size_t ncosts, char *err, size_t errlen);
/* The same, with predicted scores shown against the measured order (Spearman's rho). */
int search_report_write_pred(const char *dir, const search_meta *m, const search_run *runs, size_t n,
                             const search_act_cost *costs, size_t ncosts, const search_prediction *pred,
                             size_t npred, char *err, size_t errlen);

/*
 * A few lines for the end of a search: the winner, its lead over the
 * baseline and whether it is significant at 0.05, diverged runs, and where
 * the report is (dir).  0, or -1 with a message.
 */
int search_report_summary(FILE *f, const char *dir, const search_meta *m, const search_run *runs, size_t n,
                          const search_act_cost *costs, size_t ncosts, char *err, size_t errlen);

/* The significance level of the report's verdicts. */
#define SEARCH_REPORT_ALPHA 0.05

#endif
