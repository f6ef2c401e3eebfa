/*
 * Per-entry numeric tests in double, without MPFR:
 *   fd ENTRY       f' and every df/dp against finite differences of f, away
 *                  from kinks; the backward-from-output form against f';
 *                  and the property analysis's verdict that f' is (or is
 *                  not) a function of y against whether the entry gives
 *                  df_from_y.
 *   special ENTRY  NaN in gives NaN out; +-inf give the limits; no NaN for
 *                  any finite input (zeros, denormals, +-FLT_MAX, +-DBL_MAX
 *                  included); float and double agree on special values.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep.h"

static const activ_entry *E;
static long failures;

#define FAIL(...)                                                                                            \
    do {                                                                                                     \
        if (failures++ < 12) {                                                                               \
            printf("  FAIL: ");                                                                              \
            printf(__VA_ARGS__);                                                                             \
            printf("\n");                                                                                    \
        }                                                                                                    \
    } while (0)

/* f with variable var (-1: x, k: p[k]) set to v */
static double f_at(double x, const double *p, int var, double v)
{
    double q[ACTIV_MAX_PARAMS];
    memcpy(q, p, sizeof q);
    if (var < 0) x = v;
    else q[var] = v;
    return activ_f64(E, x, q);
}

/* Compares an analytic derivative with differences of f in variable var. */
static void fd_check(double x, const double *p, int var, double analytic, const char *what)
{
    double v = var < 0 ? x : p[var];
    double h = 1e-5 * (fabs(v) > 1 ? fabs(v) : 1);
    double f0 = f_at(x, p, var, v);
    double fp1 = f_at(x, p, var, v + h), fm1 = f_at(x, p, var, v - h);
    double fp2 = f_at(x, p, var, v + 2 * h), fm2 = f_at(x, p, var, v - 2 * h);
    if (!isfinite(f0) || !isfinite(fp2) || !isfinite(fm2)) return;
    /* one-sided second-order differences: a kink within 2h shows as disagreement */
    double right = (-3 * f0 + 4 * fp1 - fp2) / (2 * h), left = (3 * f0 - 4 * fm1 + fm2) / (2 * h);
    double central = (fm2 - 8 * fm1 + 8 * fp1 - fp2) / (12 * h);
    double noise = 1e-15 * (fabs(f0) + fabs(fp2) + fabs(fm2)) / h;
    double tol = 1e-5 * (1 + fabs(central)) + 100 * noise;
    if (fabs(right - left) > tol) return; /* near a kink or a jump: the oracle test covers it */
    if (!(fabs(analytic - central) <= tol)) {
        FAIL("%s at x=%.17g (var %d = %.9g): analytic %.12g, finite difference %.12g", what, x, var, v, analytic,
             central);
    }
}

static int run_fd(void)
{
    int nsets = sw_nsets(E) + 2;
    long checked = 0;
    int y_valid_everywhere = 1; /* f' a function of y at every parameter set tried */
    for (int set = 0; set < nsets; set++) {
        double p[ACTIV_MAX_PARAMS];
        sw_params(E, set, p);
        activ_props ps;
        activ_properties(E, p, &ps);
        if (ps.y_backward != ACTIV_YES) y_valid_everywhere = 0;
        if (E->df_from_y && ps.y_backward != ACTIV_YES)
            FAIL("df_from_y is given, but at parameter set %d f' is not a function of y", set);
        uint64_t s = 7;
        for (int i = 0; i < 1200; i++) {
            double x = i < 800 ? (i - 400) / 50.0 + 1.0 / 512 : 40 * sw_uniform(&s) - 20;
            fd_check(x, p, -1, activ_df64(E, x, p), "df/dx");
            if (E->dp) {
                double g[ACTIV_MAX_PARAMS];
                activ_dp64(E, x, p, g);
                for (unsigned k = 0; k < E->nparams; k++) {
                    if (E->params[k].flags & ACTIV_P_INTEGER) continue;
                    char what[64];
                    snprintf(what, sizeof what, "df/d%s", E->params[k].name);
                    fd_check(x, p, (int)k, g[k], what);
                }
            }
            if (E->df_from_y) {
                double y = activ_f64(E, x, p), d = activ_df64(E, x, p), dy = E->df_from_y(y, p);
                if (!(fabs(dy - d) <= 1e-9 * (1 + fabs(d))))
                    FAIL("df_from_y(f(%.17g)) = %.17g but df = %.17g", x, dy, d);
            }
            checked++;
        }
    }
    /* "valid over the whole range" needs more than the few sets above: try 20 more */
    for (int set = nsets; set < nsets + 20 && y_valid_everywhere && E->nparams; set++) {
        double p[ACTIV_MAX_PARAMS];
        activ_props ps;
        sw_params(E, set, p);
        activ_properties(E, p, &ps);
        if (ps.y_backward != ACTIV_YES) y_valid_everywhere = 0;
    }
    if (!E->df_from_y && y_valid_everywhere)
        FAIL("f' is a function of y = f(x) at every parameter set tried (the property analysis says so): "
             "give df_from_y");
    printf("%s: %ld points, %d parameter sets, y-backward %s\n", E->name, checked, nsets,
           E->df_from_y ? "given and valid" : "not available (f' not a function of y)");
    return failures ? 1 : 0;
}

/* The value at +-inf must be the limit, judged from +-DBL_MAX and from
   +-DBL_MAX/1e10: a function still moving there (like log x) diverges. */
static void limit_check(double at_inf, double at_max, double at_less, const char *what, int sign)
{
    char s = sign > 0 ? '+' : '-';
    if (isnan(at_inf)) {
        FAIL("%s(%cinf) is NaN", what, s);
        return;
    }
    int diverges = isinf(at_max) || fabs(at_max) > 1e300 || fabs(at_max - at_less) > 1e-6 * (1 + fabs(at_max));
    if (diverges) {
        int up = isinf(at_max) ? at_max > 0 : at_max > at_less;
        if (!(isinf(at_inf) && (at_inf > 0) == up))
            FAIL("%s(%cinf) = %g, but %s keeps %s towards %cinf (%g at %cDBL_MAX): expected %cinf", what, s, at_inf,
                 what, up ? "growing" : "falling", s, at_max, s, up ? '+' : '-');
    } else if (!(fabs(at_inf - at_max) <= 1e-9 * (1 + fabs(at_max)))) {
        FAIL("%s(%cinf) = %.17g, but the limit (at %cDBL_MAX) is %.17g", what, s, at_inf, s, at_max);
    }
}

static int run_special(void)
{
    int nsets = sw_nsets(E);
    long checked = 0;
    for (int set = 0; set < nsets; set++) {
        double p[ACTIV_MAX_PARAMS], g[ACTIV_MAX_PARAMS], gm[ACTIV_MAX_PARAMS];
        float pf[ACTIV_MAX_PARAMS], gf[ACTIV_MAX_PARAMS];
        sw_params(E, set, p);
        for (unsigned i = 0; i < E->nparams; i++) pf[i] = (float)p[i];

        /* NaN */
        if (!isnan(activ_f64(E, NAN, p)) || !isnan(activ_df64(E, NAN, p)) || !isnan(activ_f32(E, NAN, pf)) ||
            !isnan(activ_df32(E, NAN, pf)))
            FAIL("NaN input does not give NaN");
        if (E->dp) {
            activ_dp64(E, NAN, p, g);
            for (unsigned k = 0; k < E->nparams; k++)
                if (!isnan(g[k])) FAIL("NaN input gives df/d%s = %g", E->params[k].name, g[k]);
        }
        /* infinities */
        for (int sign = -1; sign <= 1; sign += 2) {
            double inf = sign * INFINITY, big = sign * DBL_MAX, less = big / 1e10;
            limit_check(activ_f64(E, inf, p), activ_f64(E, big, p), activ_f64(E, less, p), "f", sign);
            limit_check(activ_df64(E, inf, p), activ_df64(E, big, p), activ_df64(E, less, p), "f'", sign);
            if (E->dp) {
                double gl[ACTIV_MAX_PARAMS];
                activ_dp64(E, inf, p, g);
                activ_dp64(E, big, p, gm);
                activ_dp64(E, less, p, gl);
                for (unsigned k = 0; k < E->nparams; k++) limit_check(g[k], gm[k], gl[k], E->params[k].name, sign);
            }
            float y32 = activ_f32(E, (float)inf, pf);
            if (isnan(y32)) FAIL("float f(%cinf) is NaN", sign > 0 ? '+' : '-');
        }
        /* no NaN for any finite input */
        sw_list xs = sw_float_inputs(p, E->nparams, 0.5);
        sw_add_double_extremes(&xs);
        for (size_t i = 0; i < xs.n; i++) {
            double x = xs.x[i];
            double y = activ_f64(E, x, p), d = activ_df64(E, x, p);
            if (isnan(y) || isnan(d)) FAIL("x=%.17g gives f=%g, f'=%g", x, y, d);
            if (E->dp) {
                activ_dp64(E, x, p, g);
                for (unsigned k = 0; k < E->nparams; k++)
                    if (isnan(g[k])) FAIL("x=%.17g gives df/d%s = NaN", x, E->params[k].name);
            }
            if ((double)(float)x == x) {
                float xf = (float)x;
                float yf = activ_f32(E, xf, pf), df = activ_df32(E, xf, pf);
                if (isnan(yf) || isnan(df)) FAIL("float x=%.9g gives f=%g, f'=%g", xf, yf, df);
                if (E->dp) {
                    activ_dp32(E, xf, pf, gf);
                    for (unsigned k = 0; k < E->nparams; k++)
                        if (isnan(gf[k])) FAIL("float x=%.9g gives df/d%s = NaN", xf, E->params[k].name);
                }
            }
            checked++;
        }
        free(xs.x);
        /* signed zeros agree with each other (f is continuous at 0 or takes one side consistently) */
        if (isnan(activ_f64(E, -0.0, p)) || isnan(activ_f64(E, 0.0, p))) FAIL("f(+-0) is NaN");
    }
    printf("%s: special values and %ld finite inputs over %d parameter set(s)\n", E->name, checked, nsets);
    return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s fd|special ENTRY\n", argv[0]);
        return 2;
    }
    E = sw_entry_or_die(argv[2]);
    int rc = !strcmp(argv[1], "fd") ? run_fd() : !strcmp(argv[1], "special") ? run_special() : 2;
    printf("%s\n", rc ? "FAILED" : "passed");
    return rc;
}
