/*
 * The measured properties against values known independently: closed forms
 * under N(0,1), SELU's fixed point, the vanishing gradients of saturating
 * units, hand-computed rank correlations.  One case per argument.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activ/props.h"

static int failures;

#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            failures++;                                                                                                \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                                                     \
            printf(__VA_ARGS__);                                                                                       \
            putchar('\n');                                                                                             \
        }                                                                                                              \
    } while (0)

static const double PI = 3.14159265358979323846;

static activ_measured measure_at(const char *spec, int depth, int width)
{
    activ_props_config c;
    activ_props_config_default(&c);
    c.depth = depth, c.width = width, c.cost = 0;
    const activ_entry *e;
    double p[ACTIV_MAX_PARAMS];
    char err[256];
    activ_measured m;
    if (activ_parse_spec(spec, &e, p, err, sizeof err) || activ_props_measure(e, p, &c, &m, err, sizeof err)) {
        printf("FAIL: %s: %s\n", spec, err);
        exit(1);
    }
    return m;
}

/* a small network: these cases are about the quadrature and the flags */
static activ_measured measure(const char *spec)
{
    return measure_at(spec, 2, 16);
}

static void test_normal(void)
{
    activ_measured relu = measure("relu"), id = measure("linear"), leaky = measure("leaky_relu");
    double var = (PI - 1) / (2 * PI);
    CHECK(fabs(relu.output_mean - 1 / sqrt(2 * PI)) < 1e-12, "relu mean %.17g", relu.output_mean);
    CHECK(fabs(relu.output_var - var) < 1e-12, "relu var %.17g", relu.output_var);
    /* best linear fit to relu(Z): slope E[Z relu(Z)] = 1/2, so 1 - R^2 = 1 - (1/4) / var */
    CHECK(fabs(relu.nonlinearity - (1 - 0.25 / var)) < 1e-10, "relu nonlinearity %.17g", relu.nonlinearity);
    /* the only curvature of relu is its kink at 0, weighted by phi(0) */
    CHECK(fabs(relu.curvature - 1 / sqrt(2 * PI)) < 1e-4, "relu curvature %.17g", relu.curvature);
    CHECK(fabs(relu.saturation - 0.5) < 2e-3, "relu saturation %.17g", relu.saturation);
    CHECK(id.nonlinearity < 1e-12, "identity nonlinearity %.3g", id.nonlinearity);
    CHECK(id.curvature == 0, "identity curvature %.3g", id.curvature);
    CHECK(fabs(id.output_var - 1) < 1e-12 && fabs(id.output_mean) < 1e-15, "identity %g %g", id.output_mean,
          id.output_var);
    CHECK(leaky.nonlinearity > id.nonlinearity && leaky.nonlinearity < relu.nonlinearity, "leaky %.6g",
          leaky.nonlinearity);
    /* slope 0.2: the curvature is the kink's 0.8 phi(0) */
    activ_measured l2 = measure("leaky_relu:slope=0.2");
    CHECK(fabs(l2.curvature - 0.8 / sqrt(2 * PI)) < 1e-4, "leaky 0.2 curvature %.9g", l2.curvature);
    activ_measured sg = measure("sigmoid"), th = measure("tanh");
    CHECK(fabs(sg.output_mean - 0.5) < 1e-14, "sigmoid mean %.17g", sg.output_mean);
    CHECK(fabs(th.output_mean) < 1e-14 && th.zero_centred == ACTIV_YES, "tanh mean %.3g", th.output_mean);
    /* an even function has no linear part at all */
    activ_measured sq = measure("sgelu");
    CHECK(fabs(sq.nonlinearity - 1) < 1e-12, "sgelu nonlinearity %.17g", sq.nonlinearity);
}

static void test_selu(void)
{
    activ_measured m = measure_at("selu", 50, 256);
    /* SELU's constants make N(0,1) its fixed point (Klambauer et al. 2017) */
    CHECK(fabs(m.output_mean) < 1e-6 && fabs(m.output_var - 1) < 1e-6, "selu f(Z) %.9g %.9g", m.output_mean,
          m.output_var);
    CHECK(!strcmp(m.init, "lecun"), "selu init %s", m.init);
    for (int i = 0; i < m.nk; i++)
        CHECK(fabs(m.mean_k[i]) < 0.1 && fabs(m.var_k[i] - 1) < 0.2, "selu after %d layers: %g %g", m.k[i],
              m.mean_k[i], m.var_k[i]);
    CHECK(m.self_normalising, "selu not self-normalising");
    activ_measured r = measure_at("relu", 50, 256);
    CHECK(!r.self_normalising, "relu self-normalising");
}

static void test_gradients(void)
{
    activ_measured relu = measure_at("relu", 50, 256);
    CHECK(relu.net_ok, "relu network");
    CHECK(relu.grad_ratio > 0.25 && relu.grad_ratio < 4, "relu weight-gradient ratio %g", relu.grad_ratio);
    CHECK(relu.backprop_ratio > 0.25 && relu.backprop_ratio < 4, "relu back-propagated ratio %g", relu.backprop_ratio);
    activ_measured sg = measure_at("sigmoid", 50, 256);
    CHECK(sg.grad_ratio < 1e-10, "sigmoid ratio %g", sg.grad_ratio);
    /* tanh (Xavier): the back-propagated gradient shrinks with depth */
    activ_measured t10 = measure_at("tanh", 10, 256), t50 = measure_at("tanh", 50, 256);
    CHECK(t50.backprop_ratio < 0.5 && t50.backprop_ratio < t10.backprop_ratio && t10.backprop_ratio < 1,
          "tanh back-propagated ratio %g (depth 10) %g (depth 50)", t10.backprop_ratio, t50.backprop_ratio);
    activ_measured sg10 = measure_at("sigmoid", 10, 256);
    CHECK(sg.grad_ratio < sg10.grad_ratio && sg10.grad_ratio < 1, "sigmoid %g (10) %g (50)", sg10.grad_ratio,
          sg.grad_ratio);
    /* leaky units never stop the gradient; the identity under He doubles the variance per layer */
    activ_measured lk = measure_at("leaky_relu", 50, 256), id = measure_at("linear", 20, 64);
    CHECK(lk.dead_fraction == 0, "leaky dead %g", lk.dead_fraction);
    CHECK(fabs(log2(id.var_k[id.nk - 1]) - 20) < 2, "identity variance after 20 He layers %g", id.var_k[id.nk - 1]);
    /* the same seed gives the same numbers */
    activ_measured again = measure_at("relu", 50, 256);
    CHECK(again.grad_ratio == relu.grad_ratio && again.dead_fraction == relu.dead_fraction, "not deterministic");
    /* non-elementwise kinds run with their channel counts */
    activ_measured glu = measure_at("glu", 5, 32), mx = measure_at("maxout", 5, 32);
    CHECK(glu.net_ok && mx.net_ok && isfinite(glu.grad_ratio) && isfinite(mx.grad_ratio), "glu %g maxout %g",
          glu.grad_ratio, mx.grad_ratio);
}

static void test_flags(void)
{
    const activ_entry *es[64];
    long n = activ_set_members("seed", es, 64);
    CHECK(n == 16, "seed set %ld", n);
    for (long i = 0; i < n; i++) {
        activ_measured m = measure(es[i]->name);
        CHECK(m.flag_mismatch[0] == 0, "%s: %s", es[i]->name, m.flag_mismatch);
    }
    activ_measured r = measure("relu"), t = measure("tanh"), mi = measure("mish"), p = measure("prelu");
    CHECK(r.monotonic == ACTIV_YES && r.smooth == ACTIV_NO && r.bounded_below == ACTIV_YES &&
              r.bounded_above == ACTIV_NO && r.parametric == ACTIV_NO,
          "relu flags");
    CHECK(t.smooth == ACTIV_YES && t.bounded_below == ACTIV_YES && t.bounded_above == ACTIV_YES, "tanh flags");
    CHECK(mi.monotonic == ACTIV_NO && mi.smooth == ACTIV_YES, "mish flags");
    CHECK(p.parametric == ACTIV_YES, "prelu flags");
    /* ELU is C1 only at alpha = 1 */
    CHECK(measure("elu:alpha=1").smooth == ACTIV_YES && measure("elu:alpha=0.5").smooth == ACTIV_NO, "elu");
}

static void test_rank(void)
{
    double a[] = {1, 2, 3, 4, 5}, b[] = {5, 6, 7, 8, 7}, c[] = {9, 7, 5, 3, 1};
    /* ranks of b: 1, 2, 3.5, 5, 3.5; rho = 8 / sqrt(10 * 9.5) */
    CHECK(fabs(activ_spearman(a, b, 5) - 8 / sqrt(95)) < 1e-15, "rho %.17g", activ_spearman(a, b, 5));
    CHECK(activ_spearman(a, c, 5) == -1, "reverse");
    CHECK(activ_spearman(a, a, 5) == 1, "same");
    double d[] = {1, NAN, 3, 4, 5}, e[] = {2, 1, 3, 5, 4};
    /* the NaN pair is left out: (1,3,4,5) vs (2,3,5,4) -> ranks 1..4 vs 1,2,4,3: 1 - 6*2/(4*15) */
    CHECK(fabs(activ_spearman(d, e, 5) - 0.8) < 1e-15, "nan rho %.17g", activ_spearman(d, e, 5));
    CHECK(isnan(activ_spearman(a, a, 1)), "one pair");
    double k[] = {3, 3, 3};
    CHECK(isnan(activ_spearman(k, a, 3)), "constant");

    /* the predictor: relu above a unit whose gradients vanish and above the identity */
    activ_measured r = measure_at("relu", 20, 64), s = measure_at("sigmoid", 20, 64), i = measure_at("linear", 20, 64);
    CHECK(r.score > s.score && r.score > i.score, "scores relu %g sigmoid %g linear %g", r.score, s.score, i.score);
    CHECK(r.score == activ_props_score(&r), "score filled");
}

static void test_many(void)
{
    activ_props_config c;
    activ_props_config_default(&c);
    c.depth = 3, c.width = 32, c.batch = 16;
    const activ_entry *es[3] = {activ_find("tanh", NULL), activ_find("leaky_relu", NULL), activ_find("glu", NULL)};
    double slope[1] = {0.2};
    const double *ps[3] = {NULL, slope, NULL};
    activ_measured m[3];
    char err[256];
    CHECK(activ_props_measure_many(es, ps, 3, &c, m, err, sizeof err) == 0, "%s", err);
    /* timings vary; only that they were taken (and not for the gated kind) */
    CHECK(m[0].fwd_ns > 0 && m[0].bwd_ns_rel > 0 && isnan(m[2].fwd_ns), "cost %g %g %g", m[0].fwd_ns,
          m[0].bwd_ns_rel, m[2].fwd_ns);
    CHECK(m[1].p[0] == 0.2, "parameters kept");
    c.depth = 0;
    CHECK(activ_props_measure(es[0], NULL, &c, m, err, sizeof err) == -1 && strstr(err, "depth"), "bad config");
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*run)(void);
    } cases[] = {{"normal", test_normal}, {"selu", test_selu}, {"gradients", test_gradients},
                 {"flags", test_flags},   {"rank", test_rank}, {"many", test_many}};
    if (argc != 2) {
        fprintf(stderr, "usage: test_props CASE\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (!strcmp(argv[1], cases[i].name)) {
            cases[i].run();
            printf("%s: %s\n", argv[1], failures ? "FAILED" : "ok");
            return failures ? 1 : 0;
        }
    fprintf(stderr, "test_props: unknown case '%s'\n", argv[1]);
    return 2;
}
