/*
 * Statistics of a finished search: the runs grouped by activation, compared
 * with the baseline seed by seed, ranked.  docs/report.md defines every
 * number here.  Accuracies are fractions in [0, 1]; NaN means "undefined"
 * (a CI from one run, a p-value from fewer than two pairs).
 */
#ifndef ACTIV_SEARCH_STATS_H
#define ACTIV_SEARCH_STATS_H

#include <stddef.h>

#include "search/run.h"

/* ---- distributions and tests -------------------------------------------------- */

/* The regularised incomplete beta function I_x(a, b), a, b > 0, x in [0, 1]. */
double stat_betai(double a, double b, double x);
/* Student's t with df degrees of freedom (df > 0): P(T <= t), and its inverse for p in (0, 1). */
double stat_t_cdf(double t, double df);
double stat_t_quantile(double p, double df);

/* Mean and sample standard deviation (n - 1) of the finite values of x; *nfinite gets their count. */
void stat_mean_sd(const double *x, size_t n, double *mean, double *sd, size_t *nfinite);

/*
 * Paired t-test on differences d[0..n): t = mean / (sd / sqrt(n)), two-sided
 * p = P(|T_{n-1}| >= |t|).  n < 2: t and p NaN.  sd = 0: p = 1 if every
 * difference is 0, else 0 (the limit of the test as the spread vanishes).
 */
void stat_paired_t(const double *d, size_t n, double *t, double *p);
/*
 * Exact two-sided sign-flip permutation p-value: the share of the 2^n sign
 * patterns whose |sum| is at least the observed one.  NaN for n = 0 or
 * n > STAT_PERM_MAX.
 */
#define STAT_PERM_MAX 20
double stat_sign_flip_p(const double *d, size_t n);
/* Spearman's rank correlation (ties get their average rank); NaN for n < 2 or a constant input. */
double stat_spearman(const double *x, const double *y, size_t n);

/* ---- the search ------------------------------------------------------------- */

typedef struct search_act_stats {
    char act[128];
    int is_baseline;
    size_t n;           /* runs */
    size_t n_diverged;  /* of which diverged (they enter the mean: see docs/report.md) */
    size_t n_valid;     /* runs with a finite test accuracy: the sample of mean, sd, CI */
    double mean, sd;    /* test accuracy */
    double ci_lo, ci_hi; /* 95% Student-t interval of the mean, cut to [0, 1]; NaN if n_valid < 2 */
    double best, worst;
    /* paired with the baseline over the seeds both have (NaN for the baseline itself) */
    size_t n_paired;
    double diff_mean;    /* mean of (this - baseline) */
    double t, p_t;       /* paired t-test, two-sided */
    double p_perm;       /* exact sign-flip permutation p */
    int rank;            /* 1 = highest mean; equal means share the rank ("1, 2, 2, 4") */
    double epochs_to_99; /* mean over runs of the first epoch with val_acc >= 0.99 * the run's best */
    double sec_per_epoch, time_ratio; /* mean over runs; ratio to the baseline's mean */
    double fwd_ns, bwd_ns;            /* kernel ns/element (NaN if not measured) */
    double peak_rss_mb;               /* largest over runs */
    int n_epochs;                     /* length of val_curve: the longest run */
    double *val_curve;                /* mean validation accuracy per epoch over the runs that reached it */
} search_act_stats;

typedef struct search_stats {
    search_act_stats *acts; /* in order of first appearance in the runs */
    size_t nacts;
    size_t baseline;        /* index into acts */
    size_t winner;          /* rank 1 (the first in order of appearance if tied) */
    size_t *by_rank;        /* acts indices, best mean first */
    int max_epochs;
} search_stats;

/*
 * Groups and summarises.  0, or -1 with a message (no runs, an empty
 * activation name, a (activation, seed) given twice, a baseline without runs).
 */
int search_stats_compute(const search_meta *m, const search_run *runs, size_t n, const search_act_cost *costs,
                         size_t ncosts, search_stats *out, char *err, size_t errlen);
void search_stats_free(search_stats *s);

/* The winner's lead over the baseline is significant: it is not the baseline, it is ahead, p_t < alpha. */
int search_stats_significant(const search_stats *s, double alpha);

#endif
