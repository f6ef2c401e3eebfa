/* The search statistics against values computed by hand or published. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "search/stats.h"

static int failures;

static void near(const char *what, double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol)) {
        printf("FAIL %s: got %.10g, want %.10g (tol %g)\n", what, got, want, tol);
        failures++;
    }
}

static void truth(const char *what, int ok)
{
    if (!ok) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

/* Published two-sided 97.5% points of Student's t (any table, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2). */
static void t_quantiles(void)
{
    const double df[] = {1, 2, 4, 10, 30}, q[] = {12.7062, 4.3027, 2.7764, 2.2281, 2.0423};
    char what[64];
    for (int i = 0; i < 5; i++) {
        snprintf(what, sizeof what, "t quantile 0.975 df %g", df[i]);
        near(what, stat_t_quantile(0.975, df[i]), q[i], 5e-5);
        near("t quantile symmetric", stat_t_quantile(0.025, df[i]), -q[i], 5e-5);
    }
    /* closed forms: df 1 is Cauchy, df 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2)) */
    for (double t = -30; t <= 30; t += 0.7) {
        near("t cdf df 1 (Cauchy)", stat_t_cdf(t, 1), 0.5 + atan(t) / acos(-1.0), 1e-13);
        near("t cdf df 2", stat_t_cdf(t, 2), 0.5 + t / (2 * sqrt(2 + t * t)), 1e-13);
    }
    near("t quantile 0.9995 df 1", stat_t_quantile(0.9995, 1), tan(acos(-1.0) * (0.9995 - 0.5)), 1e-6);
    near("t quantile 0.5", stat_t_quantile(0.5, 7), 0, 0);
    truth("t quantile of 0 and 1 undefined", isnan(stat_t_quantile(0, 3)) && isnan(stat_t_quantile(1, 3)));
    /* large df tends to the normal's 1.959964 */
    near("t quantile df 1e6", stat_t_quantile(0.975, 1e6), 1.959964, 1e-5);
}

static void beta(void)
{
    /* I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b; I_0.5(a, a) = 1/2 */
    for (double x = 0; x <= 1; x += 0.125) {
        near("I_x(1,1)", stat_betai(1, 1, x), x, 1e-14);
        near("I_x(3,1)", stat_betai(3, 1, x), x * x * x, 1e-14);
        near("I_x(1,4)", stat_betai(1, 4, x), 1 - pow(1 - x, 4), 1e-14);
    }
    near("I_0.5(7.5,7.5)", stat_betai(7.5, 7.5, 0.5), 0.5, 1e-14);
    truth("I_x out of domain is NaN", isnan(stat_betai(-1, 1, 0.5)) && isnan(stat_betai(1, 1, 1.5)));
}

/*
 * Student's sleep data (Cushny & Peebles 1905), as in R's
 * t.test(extra ~ group, data = sleep, paired = TRUE):
 * t = 4.0621 (sign by the order of the groups), df = 9, p = 0.002833,
 * 95% CI of the mean difference 0.7001142 .. 2.4598858.
 */
static void paired(void)
{
    const double d[] = {1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4};
    double t, p, m, sd;
    size_t k;
    stat_paired_t(d, 10, &t, &p);
    near("sleep t", t, 4.0621, 5e-5);
    near("sleep p", p, 0.002833, 5e-7);
    stat_mean_sd(d, 10, &m, &sd, &k);
    double h = stat_t_quantile(0.975, 9) * sd / sqrt(10);
    near("sleep CI low", m - h, 0.7001142, 5e-7);
    near("sleep CI high", m + h, 2.4598858, 5e-7);
    /* hand: d = 1, 2, 3: of the 8 sign patterns, |sum| >= 6 only for +++ and --- */
    const double e[] = {1, 2, 3};
    near("sign flip 1,2,3", stat_sign_flip_p(e, 3), 0.25, 0);
    /* hand: d = 0.02, 0.03, 0.01: mean 0.02, sd 0.01, t = 2 sqrt 3, df 2: p = 1 - 2 sqrt 3 / sqrt 14 */
    const double f[] = {0.02, 0.03, 0.01};
    stat_paired_t(f, 3, &t, &p);
    near("t of 0.02,0.03,0.01", t, 2 * sqrt(3), 1e-9);
    near("p of 0.02,0.03,0.01", p, 1 - 2 * sqrt(3) / sqrt(14), 1e-9);
    /* degenerate cases: documented in stats.h */
    const double z[] = {0, 0, 0}, c[] = {0.01, 0.01};
    stat_paired_t(z, 3, &t, &p);
    near("all-zero differences p", p, 1, 0);
    stat_paired_t(c, 2, &t, &p);
    near("constant nonzero differences p", p, 0, 0);
    near("constant nonzero differences, sign flip", stat_sign_flip_p(c, 2), 0.5, 0);
    stat_paired_t(c, 1, &t, &p);
    truth("one pair: p undefined", isnan(p) && isnan(t));
    truth("sign flip of none undefined", isnan(stat_sign_flip_p(c, 0)));
}

static void spearman(void)
{
    const double x[] = {1, 2, 3, 4, 5}, y[] = {2, 1, 4, 3, 5}, r[] = {5, 4, 3, 2, 1};
    near("spearman identical", stat_spearman(x, x, 5), 1, 1e-15);
    near("spearman reversed", stat_spearman(x, r, 5), -1, 1e-15);
    /* hand: sum d^2 = 4, rho = 1 - 6 * 4 / (5 * 24) = 0.8 */
    near("spearman 0.8", stat_spearman(x, y, 5), 0.8, 1e-15);
    /* ties: y = 1, 1, 2 has ranks 1.5, 1.5, 3; with x = 1, 2, 3: r = 1.5 / sqrt(2 * 1.5) */
    const double t[] = {1, 1, 2};
    near("spearman ties", stat_spearman(x, t, 3), 1.5 / sqrt(3), 1e-15);
    truth("spearman of a constant undefined", isnan(stat_spearman(x, (double[]){1, 1, 1}, 3)));
}

static activ_epoch_log logs[8][5];

static search_run run(int i, const char *act, int seed, double test, const double *val, int epochs, double sec)
{
    search_run r;
    memset(&r, 0, sizeof r);
    snprintf(r.act, sizeof r.act, "%s", act);
    r.seed = seed, r.test_acc = test, r.epochs_run = epochs, r.sec_per_epoch = sec, r.peak_rss_mb = 100 + i;
    r.log = logs[i];
    for (int e = 0; e < epochs; e++) logs[i][e] = (activ_epoch_log){.epoch = e + 1, .val_acc = val[e]};
    return r;
}

static void search(void)
{
    const double v1[] = {0.5, 0.8, 0.9, 0.95, 0.96}, v2[] = {0.6, 0.9, 0.95, 0.9, 0.9};
    search_run runs[8] = {
        run(0, "relu", 1, 0.90, v1, 5, 2.0),  run(1, "mish", 1, 0.92, v2, 5, 3.0),
        run(2, "relu", 2, 0.91, v1, 5, 2.0),  run(3, "mish", 2, 0.94, v2, 5, 3.0),
        run(4, "relu", 3, 0.92, v1, 5, 2.0),  run(5, "mish", 3, 0.93, v1, 5, 3.0),
        run(6, "tanh", 1, 0.10, v2, 2, 1.0),  run(7, "tanh", 3, 0.91, v1, 5, 1.0),
    };
    runs[6].diverged = 1, runs[6].diverged_epoch = 3;
    search_meta m = {.baseline = "relu"};
    search_act_cost cost[] = {{"mish", 4.0, 6.0}};
    search_stats s;
    char err[256];
    if (search_stats_compute(&m, runs, 8, cost, 1, &s, err, sizeof err)) {
        printf("FAIL compute: %s\n", err);
        failures++;
        return;
    }
    truth("three activations in order of appearance", s.nacts == 3 && !strcmp(s.acts[0].act, "relu") &&
                                                           !strcmp(s.acts[1].act, "mish") &&
                                                           !strcmp(s.acts[2].act, "tanh"));
    const search_act_stats *relu = &s.acts[0], *mish = &s.acts[1], *tanh_ = &s.acts[2];
    truth("baseline", s.baseline == 0 && relu->is_baseline);
    near("relu mean", relu->mean, 0.91, 1e-12);
    near("relu sd", relu->sd, 0.01, 1e-12);
    near("relu CI", relu->ci_hi - relu->mean, 4.3027 * 0.01 / sqrt(3), 5e-7);
    near("mish diff", mish->diff_mean, 0.02, 1e-12);
    near("mish p", mish->p_t, 1 - 2 * sqrt(3) / sqrt(14), 1e-9);
    near("mish sign flip", mish->p_perm, 0.25, 0);
    truth("mish paired on 3 seeds", mish->n_paired == 3);
    /* tanh: the diverged run's accuracy enters the mean; it pairs on seeds 1 and 3 only */
    near("tanh mean", tanh_->mean, (0.10 + 0.91) / 2, 1e-12);
    truth("tanh CI cut to [0, 1]", tanh_->ci_lo == 0 && tanh_->ci_hi == 1);
    truth("tanh diverged counted", tanh_->n == 2 && tanh_->n_diverged == 1 && tanh_->n_paired == 2);
    near("tanh diff", tanh_->diff_mean, ((0.10 - 0.90) + (0.91 - 0.92)) / 2, 1e-12);
    truth("ranks", mish->rank == 1 && relu->rank == 2 && tanh_->rank == 3 && s.winner == 1);
    /* v1 reaches 0.99 * 0.96 = 0.9504 at epoch 5, v2 0.99 * 0.95 at epoch 3; mish has v2 twice, v1 once */
    near("relu epochs to 99%", relu->epochs_to_99, 5, 0);
    near("mish epochs to 99%", mish->epochs_to_99, (3 + 3 + 5) / 3.0, 1e-12);
    near("mish time ratio", mish->time_ratio, 1.5, 1e-12);
    near("mish ns", mish->fwd_ns, 4.0, 0);
    truth("relu ns unmeasured", isnan(relu->fwd_ns));
    near("mish peak memory is the largest", mish->peak_rss_mb, 105, 0);
    /* the mean curve averages the runs that reached an epoch: tanh's epoch 4 is seed 3's alone */
    near("tanh curve epoch 1", tanh_->val_curve[0], (0.6 + 0.5) / 2, 1e-12);
    near("tanh curve epoch 4", tanh_->val_curve[3], 0.95, 1e-12);
    truth("significance at 0.05", !search_stats_significant(&s, 0.05) && search_stats_significant(&s, 0.1));
    search_stats_free(&s);

    /* ties share a rank */
    runs[5].test_acc = 0.91, runs[3].test_acc = 0.91, runs[1].test_acc = 0.91;
    runs[0].test_acc = 0.91, runs[4].test_acc = 0.91;
    if (!search_stats_compute(&m, runs, 8, NULL, 0, &s, err, sizeof err)) {
        truth("tied ranks", s.acts[0].rank == 1 && s.acts[1].rank == 1 && s.acts[2].rank == 3 && s.winner == 0);
        search_stats_free(&s);
    }

    /* bad input: clear errors */
    m.baseline = "gelu";
    truth("missing baseline refused", search_stats_compute(&m, runs, 8, NULL, 0, &s, err, sizeof err) == -1 &&
                                          strstr(err, "gelu"));
    m.baseline = "relu";
    runs[2].seed = 1;
    truth("duplicate run refused", search_stats_compute(&m, runs, 8, NULL, 0, &s, err, sizeof err) == -1 &&
                                       strstr(err, "run 3 (relu, seed 1)"));
    runs[2].seed = 2, runs[2].test_acc = 91;
    truth("percent instead of fraction refused",
          search_stats_compute(&m, runs, 8, NULL, 0, &s, err, sizeof err) == -1 && strstr(err, "outside"));
    truth("no runs refused", search_stats_compute(&m, runs, 0, NULL, 0, &s, err, sizeof err) == -1);
}

int main(void)
{
    t_quantiles();
    beta();
    paired();
    spearman();
    search();
    if (failures) printf("%d failure(s)\n", failures);
    else printf("stats: all passed\n");
    return failures != 0;
}
