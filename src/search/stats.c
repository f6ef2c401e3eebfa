#include "search/stats.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- distributions ------------------------------------------------------------ */

/* The continued fraction of I_x(a, b) (modified Lentz), converging fast for x < (a + 1) / (a + b + 2). */
static double betacf(double a, double b, double x)
{
    const double tiny = 1e-300, eps = 1e-16;
    double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    if (fabs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 1000; m++) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (fabs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (fabs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < eps) break;
    }
    return h;
}

double stat_betai(double a, double b, double x)
{
    if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) return NAN;
    if (x == 0 || x == 1) return x;
    double lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
    /* use the side where the fraction converges; the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) gives the other */
    if (x < (a + 1) / (a + b + 2)) return exp(lbt) * betacf(a, b, x) / a;
    return 1 - exp(lbt) * betacf(b, a, 1 - x) / b;
}

/* P(T >= t) for t >= 0, computed directly so that small tails keep their precision. */
static double t_upper(double t, double df)
{
    return 0.5 * stat_betai(df / 2, 0.5, df / (df + t * t));
}

double stat_t_cdf(double t, double df)
{
    if (isnan(t) || !(df > 0)) return NAN;
    if (isinf(t)) return t > 0 ? 1 : 0;
    return t >= 0 ? 1 - t_upper(t, df) : t_upper(-t, df);
}

double stat_t_quantile(double p, double df)
{
    if (!(p > 0) || !(p < 1) || !(df > 0)) return NAN;
    if (p == 0.5) return 0;
    if (p < 0.5) return -stat_t_quantile(1 - p, df);
    /* bisection on the upper tail, which is monotone and exact where p is near 1 */
    double q = 1 - p, lo = 0, hi = 1;
    while (t_upper(hi, df) > q && hi < 1e300) lo = hi, hi *= 2;
    for (int i = 0; i < 2000 && hi - lo > 1e-15 * hi; i++) {
        double mid = 0.5 * (lo + hi);
        if (t_upper(mid, df) > q) lo = mid;
        else hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* ---- samples and tests ------------------------------------------------------------ */

void stat_mean_sd(const double *x, size_t n, double *mean, double *sd, size_t *nfinite)
{
    double s = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i])) s += x[i], k++;
    double m = k ? s / (double)k : NAN, ss = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i])) ss += (x[i] - m) * (x[i] - m);
    *mean = m;
    *sd = k >= 2 ? sqrt(ss / (double)(k - 1)) : NAN;
    if (nfinite) *nfinite = k;
}

void stat_paired_t(const double *d, size_t n, double *t, double *p)
{
    *t = *p = NAN;
    if (n < 2) return;
    double m, sd;
    stat_mean_sd(d, n, &m, &sd, NULL);
    if (sd == 0) {
        *t = m == 0 ? 0 : copysign(INFINITY, m);
        *p = m == 0 ? 1 : 0;
        return;
    }
    *t = m / (sd / sqrt((double)n));
    *p = 2 * t_upper(fabs(*t), (double)(n - 1));
    if (*p > 1) *p = 1;
}

double stat_sign_flip_p(const double *d, size_t n)
{
    if (n == 0 || n > STAT_PERM_MAX) return NAN;
    double obs = 0, scale = 0;
    for (size_t i = 0; i < n; i++) obs += d[i], scale += fabs(d[i]);
    obs = fabs(obs);
    /* patterns that tie with the observed sum count as "at least as extreme"; rounding must not split a tie */
    double tol = 1e-9 * scale;
    uint32_t total = (uint32_t)1 << n, hits = 0;
    for (uint32_t mask = 0; mask < total; mask++) {
        double s = 0;
        for (size_t i = 0; i < n; i++) s += (mask >> i & 1) ? -d[i] : d[i];
        if (fabs(s) >= obs - tol) hits++;
    }
    return (double)hits / (double)total;
}

/* Average ranks (1-based) of x, ties sharing the mean of the ranks they span. */
static void avg_ranks(const double *x, size_t n, double *r)
{
    for (size_t i = 0; i < n; i++) {
        size_t less = 0, equal = 0;
        for (size_t j = 0; j < n; j++) {
            if (x[j] < x[i]) less++;
            else if (x[j] == x[i]) equal++;
        }
        r[i] = (double)less + ((double)equal + 1) / 2;
    }
}

double stat_spearman(const double *x, const double *y, size_t n)
{
    if (n < 2) return NAN;
    double *rx = malloc(2 * n * sizeof *rx);
    if (!rx) return NAN;
    double *ry = rx + n;
    avg_ranks(x, n, rx);
    avg_ranks(y, n, ry);
    double mx = (double)(n + 1) / 2, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        sxy += (rx[i] - mx) * (ry[i] - mx);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (ry[i] - mx) * (ry[i] - mx);
    }
    free(rx);
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
}

/* ---- the search ---------------------------------------------------------------- */

static void fail(char *err, size_t errlen, const char *msg, const search_run *r, size_t i)
{
    if (r) snprintf(err, errlen, "run %zu (%s, seed %d): %s", i + 1, r->act, r->seed, msg);
    else snprintf(err, errlen, "%s", msg);
}

static int check_run(const search_run *r, size_t i, char *err, size_t errlen)
{
    if (!r->act[0] || !memchr(r->act, 0, sizeof r->act)) {
        snprintf(err, errlen, "run %zu: empty or unterminated activation name", i + 1);
        return -1;
    }
    if (isfinite(r->test_acc) && (r->test_acc < 0 || r->test_acc > 1)) {
        fail(err, errlen, "test accuracy outside [0, 1]", r, i);
        return -1;
    }
    if (r->epochs_run < 0 || (r->epochs_run > 0 && !r->log)) {
        fail(err, errlen, "epochs_run is negative or its log is missing", r, i);
        return -1;
    }
    return 0;
}

/* The first epoch whose validation accuracy reaches 99% of the run's best, or NaN. */
static double epochs_to_99(const search_run *r)
{
    double best = -INFINITY;
    for (int e = 0; e < r->epochs_run; e++)
        if (isfinite(r->log[e].val_acc) && r->log[e].val_acc > best) best = r->log[e].val_acc;
    if (!(best > 0)) return NAN;
    for (int e = 0; e < r->epochs_run; e++)
        if (isfinite(r->log[e].val_acc) && r->log[e].val_acc >= 0.99 * best) return r->log[e].epoch;
    return NAN;
}

static size_t find_act(const search_stats *s, const char *act)
{
    for (size_t i = 0; i < s->nacts; i++)
        if (!strcmp(s->acts[i].act, act)) return i;
    return s->nacts;
}

static const search_run *find_run(const search_run *runs, size_t n, const char *act, int seed)
{
    for (size_t i = 0; i < n; i++)
        if (runs[i].seed == seed && !strcmp(runs[i].act, act)) return &runs[i];
    return NULL;
}

/* Test accuracy, convergence, time and memory of one activation's runs. */
static void summarise(search_act_stats *a, const search_run *runs, size_t n, double *buf)
{
    size_t k = 0, nconv = 0, ntime = 0;
    double conv = 0, time = 0;
    a->best = -INFINITY, a->worst = INFINITY, a->peak_rss_mb = NAN;
    for (size_t i = 0; i < n; i++) {
        const search_run *r = &runs[i];
        if (strcmp(r->act, a->act)) continue;
        a->n++;
        a->n_diverged += r->diverged != 0;
        buf[k++] = r->test_acc;
        if (isfinite(r->test_acc)) {
            if (r->test_acc > a->best) a->best = r->test_acc;
            if (r->test_acc < a->worst) a->worst = r->test_acc;
        }
        double e = epochs_to_99(r);
        if (isfinite(e)) conv += e, nconv++;
        if (isfinite(r->sec_per_epoch)) time += r->sec_per_epoch, ntime++;
        if (isfinite(r->peak_rss_mb) && !(r->peak_rss_mb <= a->peak_rss_mb)) a->peak_rss_mb = r->peak_rss_mb;
        if (r->epochs_run > a->n_epochs) a->n_epochs = r->epochs_run;
    }
    stat_mean_sd(buf, k, &a->mean, &a->sd, &a->n_valid);
    if (!a->n_valid) a->best = a->worst = NAN;
    a->ci_lo = a->ci_hi = NAN;
    if (a->n_valid >= 2) {
        double h = stat_t_quantile(0.975, (double)(a->n_valid - 1)) * a->sd / sqrt((double)a->n_valid);
        /* an accuracy lives in [0, 1]; a wide interval from few runs would otherwise leave it */
        a->ci_lo = fmax(0, a->mean - h), a->ci_hi = fmin(1, a->mean + h);
    }
    a->epochs_to_99 = nconv ? conv / (double)nconv : NAN;
    a->sec_per_epoch = ntime ? time / (double)ntime : NAN;
}

/* Mean validation accuracy per epoch over the runs that reached it. */
static int mean_curve(search_act_stats *a, const search_run *runs, size_t n)
{
    if (!a->n_epochs) return 0;
    a->val_curve = calloc((size_t)a->n_epochs, sizeof *a->val_curve);
    size_t *cnt = calloc((size_t)a->n_epochs, sizeof *cnt);
    if (!a->val_curve || !cnt) {
        free(cnt);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(runs[i].act, a->act)) continue;
        for (int e = 0; e < runs[i].epochs_run; e++)
            if (isfinite(runs[i].log[e].val_acc)) a->val_curve[e] += runs[i].log[e].val_acc, cnt[e]++;
    }
    for (int e = 0; e < a->n_epochs; e++) a->val_curve[e] = cnt[e] ? a->val_curve[e] / (double)cnt[e] : NAN;
    free(cnt);
    return 0;
}

/* The differences with the baseline, seed by seed, where both have a finite test accuracy. */
static void compare(search_act_stats *a, const char *baseline, const search_run *runs, size_t n, double *d)
{
    a->diff_mean = a->t = a->p_t = a->p_perm = NAN;
    if (a->is_baseline) return;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(runs[i].act, a->act) || !isfinite(runs[i].test_acc)) continue;
        const search_run *b = find_run(runs, n, baseline, runs[i].seed);
        if (b && isfinite(b->test_acc)) d[k++] = runs[i].test_acc - b->test_acc;
    }
    a->n_paired = k;
    double sd;
    stat_mean_sd(d, k, &a->diff_mean, &sd, NULL);
    stat_paired_t(d, k, &a->t, &a->p_t);
    a->p_perm = stat_sign_flip_p(d, k);
}

static const search_act_cost *find_cost(const search_act_cost *c, size_t n, const char *act)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(c[i].act, act)) return &c[i];
    return NULL;
}

static int by_mean_desc(const search_stats *s, size_t i, size_t j)
{
    double a = s->acts[i].mean, b = s->acts[j].mean;
    if (isnan(a) != isnan(b)) return isnan(a) ? 1 : -1;
    if (a > b) return -1;
    if (a < b) return 1;
    return i < j ? -1 : i > j;
}

static void rank(search_stats *s)
{
    /* insertion sort: few activations, and it is stable */
    for (size_t i = 0; i < s->nacts; i++) s->by_rank[i] = i;
    for (size_t i = 1; i < s->nacts; i++)
        for (size_t j = i; j > 0 && by_mean_desc(s, s->by_rank[j - 1], s->by_rank[j]) > 0; j--) {
            size_t t = s->by_rank[j];
            s->by_rank[j] = s->by_rank[j - 1], s->by_rank[j - 1] = t;
        }
    for (size_t i = 0; i < s->nacts; i++) {
        int r = 1;
        for (size_t j = 0; j < s->nacts; j++)
            if (s->acts[j].mean > s->acts[i].mean || (isnan(s->acts[i].mean) && !isnan(s->acts[j].mean))) r++;
        s->acts[i].rank = r;
    }
    s->winner = s->by_rank[0];
}

static int group(search_stats *s, const search_run *runs, size_t n, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        if (check_run(&runs[i], i, err, errlen)) return -1;
        for (size_t j = 0; j < i; j++)
            if (runs[j].seed == runs[i].seed && !strcmp(runs[j].act, runs[i].act)) {
                fail(err, errlen, "given twice (a search runs each activation once per seed)", &runs[i], i);
                return -1;
            }
        if (find_act(s, runs[i].act) == s->nacts) {
            search_act_stats *a = &s->acts[s->nacts++];
            memset(a, 0, sizeof *a);
            memcpy(a->act, runs[i].act, sizeof a->act);
        }
    }
    return 0;
}

int search_stats_compute(const search_meta *m, const search_run *runs, size_t n, const search_act_cost *costs,
                         size_t ncosts, search_stats *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!runs || !n) {
        fail(err, errlen, "no finished runs to summarise", NULL, 0);
        return -1;
    }
    out->acts = calloc(n, sizeof *out->acts);
    out->by_rank = calloc(n, sizeof *out->by_rank);
    double *buf = malloc(n * sizeof *buf);
    if (!out->acts || !out->by_rank || !buf) {
        fail(err, errlen, "out of memory", NULL, 0);
        goto fail;
    }
    if (group(out, runs, n, err, errlen)) goto fail;
    const char *baseline = m && m->baseline ? m->baseline : out->acts[0].act;
    out->baseline = find_act(out, baseline);
    if (out->baseline == out->nacts) {
        snprintf(err, errlen, "the baseline '%s' has no runs", baseline);
        goto fail;
    }
    out->acts[out->baseline].is_baseline = 1;
    for (size_t i = 0; i < out->nacts; i++) {
        search_act_stats *a = &out->acts[i];
        summarise(a, runs, n, buf);
        if (mean_curve(a, runs, n)) {
            fail(err, errlen, "out of memory", NULL, 0);
            goto fail;
        }
        compare(a, baseline, runs, n, buf);
        const search_act_cost *c = find_cost(costs, ncosts, a->act);
        a->fwd_ns = c ? c->fwd_ns : NAN;
        a->bwd_ns = c ? c->bwd_ns : NAN;
        if (a->n_epochs > out->max_epochs) out->max_epochs = a->n_epochs;
    }
    double base_time = out->acts[out->baseline].sec_per_epoch;
    for (size_t i = 0; i < out->nacts; i++)
        out->acts[i].time_ratio = base_time > 0 ? out->acts[i].sec_per_epoch / base_time : NAN;
    rank(out);
    free(buf);
    return 0;
fail:
    free(buf);
    search_stats_free(out);
    return -1;
}

void search_stats_free(search_stats *s)
{
    if (s->acts)
        for (size_t i = 0; i < s->nacts; i++) free(s->acts[i].val_curve);
    free(s->acts);
    free(s->by_rank);
    memset(s, 0, sizeof *s);
}

int search_stats_significant(const search_stats *s, double alpha)
{
    const search_act_stats *w = &s->acts[s->winner];
    return s->winner != s->baseline && w->diff_mean > 0 && w->p_t < alpha;
}
