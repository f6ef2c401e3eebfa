/*
 * Vector kernels (tests/kernel.NAME), on every instruction set this CPU runs:
 *  - accuracy against the double reference (itself proven against MPFR by
 *    oracle.NAME) over every 4097th float bit pattern (about 1 M inputs over
 *    the whole range, both signs) plus every 2^-12 in [-16, 16]: within the
 *    kernel's declared bound in ULP times max(1, condition number at x),
 *    (an absolute error below 2^-130, where floats are subnormal, always
 *    passes); then exhaustively, every float within 2^16 bit patterns of
 *    the worst inputs found for f and for f';
 *  - backward (dy = 1 and random dy), backward from the output, parameter
 *    gradient sums against double sums;
 *  - special values: NaN, +-inf, +-0;
 *  - every length up to 3 vectors plus 3, at offsets 0..3, in place and
 *    not, bitwise equal to the whole-array result;
 *  - one and two threads give bitwise equal results.
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
            printf("  FAIL [%s] ", activ_isa_name(activ_isa_active()));                                     \
            printf(__VA_ARGS__);                                                                             \
            printf("\n");                                                                                    \
        }                                                                                                    \
    } while (0)

static double ulp_of(double r)
{
    int e;
    if (r == 0 || !isfinite(r)) return 0x1p-149;
    frexp(r, &e);
    if (e < -125) e = -125;
    return ldexp(1.0, e - 24);
}

/* error of float y against double reference r, in float ULP (inf when a non-finite disagrees) */
static double err_ulp(float y, double r, double *abs_err)
{
    *abs_err = 0;
    if (isnan(r)) return isnan(y) ? 0 : INFINITY;
    float rf = (float)r;
    if (isinf(rf) || isinf(y)) {
        *abs_err = (y == rf) ? 0 : INFINITY;
        return *abs_err;
    }
    *abs_err = fabs((double)y - r);
    return *abs_err / ulp_of(r);
}

typedef struct {
    const char *what;
    double worst, at;
    long n;
} stat;

/* Below 2^-130 the float format itself runs out of bits (gradual underflow):
   errors smaller than that pass whatever their size in ULP. */
#define ABS_FLOOR 0x1p-130

/*
 * The condition number of g at x, |x g'(x) / g(x)|: how many ULP of output
 * one ULP of input is worth.  Where it exceeds 1 (GELU's left tail, near
 * the zeros of f or f') a float kernel cannot be held to a few ULP of the
 * exact value, only to a few ULP of a nearby input: the bound scales by it.
 */
static double cond(double (*g)(const activ_entry *, double, const double *), double x, const double *p)
{
    double gx = g(E, x, p);
    if (x == 0 || !isfinite(x)) return 1;
    double h = 1e-7 * fabs(x);
    double d = (g(E, x + h, p) - g(E, x - h, p)) / (2 * h);
    double k = fabs(x * d / gx);
    return isfinite(k) && k > 1 ? k : (gx == 0 && d != 0 ? INFINITY : 1);
}

static void check(stat *s, float y, double r, double x, double bound_ulp, double bound_abs, double kappa)
{
    double a, u = err_ulp(y, r, &a);
    s->n++;
    if (a <= ABS_FLOOR) u = u < bound_ulp ? u : 0;
    u /= kappa; /* ULP per unit of condition */
    if (u > s->worst) s->worst = u, s->at = x;
    if (!(u <= bound_ulp || (bound_abs > 0 && a <= bound_abs)))
        FAIL("%s at x=%.9g: got %.9g, reference %.17g (%.3g ulp, abs %.3g; bound %g ulp / %g abs)", s->what, x, y, r,
             u, a, bound_ulp, bound_abs);
}

/*
 * Every float in a window of consecutive bit patterns around the sampled worst inputs of f and f'
 * (2^17 each at density 1, half on each side of the worst): where a kernel is weakest, no input
 * is skipped.  (The declared bounds were fitted with windows twice as wide.)  x, y, d, ones are scratch of cap floats.
 */
static void exhaustive_near(const double *p, const float *pf, const activ_kernel_info *ki, float at_f, float at_df,
                            float *x, float *y, float *d, float *ones, size_t cap)
{
    size_t half = (size_t)((1u << 16) * sw_density());
    if (2 * half > cap) half = cap / 2;
    const float centre[2] = {at_f, at_df};
    stat s[2] = {{"f (exhaustive window)", 0, 0, 0}, {"f' (exhaustive window)", 0, 0, 0}};
    for (int w = 0; w < 2; w++) {
        uint32_t c;
        memcpy(&c, &centre[w], sizeof c);
        /* bit patterns of one sign are ordered like their floats: stay within the sign and the finite range */
        const uint32_t sign = c & 0x80000000u, mag = c & 0x7fffffffu;
        const uint32_t lo = mag > half ? mag - (uint32_t)half : 0, top = 0x7f7fffffu;
        const uint32_t hi = top - lo > 2 * half ? lo + (uint32_t)(2 * half) : top;
        size_t n = 0;
        for (uint32_t m = lo; m < hi; m++) {
            const uint32_t b = sign | m;
            memcpy(&x[n++], &b, sizeof b);
        }
        for (size_t i = 0; i < n; i++) ones[i] = 1;
        activ_forward(E, pf, x, y, n);
        activ_backward(E, pf, x, ones, d, n);
        for (size_t i = 0; i < n; i++) {
            if (w == 0) check(&s[0], y[i], activ_f64(E, x[i], p), x[i], ki->f_ulp, ki->abs, cond(activ_f64, x[i], p));
            else check(&s[1], d[i], activ_df64(E, x[i], p), x[i], ki->df_ulp, ki->abs, cond(activ_df64, x[i], p));
        }
        printf("  %-7s %s: every float in [%.9g, %.9g] (%zu), worst %.3g ulp/cond at %.9g\n",
               activ_isa_name(activ_isa_active()), s[w].what, x[0], x[n ? n - 1 : 0], n, s[w].worst, s[w].at);
    }
}

static void accuracy(const double *p, const float *pf, const activ_kernel_info *ki)
{
    /* every 2^12-th float pattern over the whole range (about 2 M inputs), then a dense band */
    /* ACTIV_TEST_DENSITY thins both (the sanitizer run uses 0.25) */
    double density = sw_density();
    uint64_t stride = (uint64_t)(4097 / density) | 1;
    int band = (int)(4096 * density) < 64 ? 64 : (int)(4096 * density);
    size_t n = 0, cap = (size_t)((1ull << 32) / stride) + 2 * 16 * (size_t)band + 64;
    float *x = malloc(cap * sizeof *x), *y = malloc(cap * sizeof *y), *d = malloc(cap * sizeof *d);
    float *ones = malloc(cap * sizeof *ones);
    for (uint64_t bits = 0; bits < (1ull << 32); bits += stride) {
        uint32_t b = (uint32_t)bits;
        float v;
        memcpy(&v, &b, sizeof v);
        if (isfinite(v)) x[n++] = v;
    }
    for (int i = -16 * band; i < 16 * band; i++) x[n++] = (float)i / (float)band + 0.5f / (float)band;
    const float sp[] = {0.0f, -0.0f, FLT_MIN, -FLT_MIN, 1e-45f, -1e-45f, FLT_MAX, -FLT_MAX};
    for (size_t i = 0; i < sizeof sp / sizeof *sp; i++) x[n++] = sp[i];
    for (size_t i = 0; i < n; i++) ones[i] = 1;
    activ_forward(E, pf, x, y, n);
    activ_backward(E, pf, x, ones, d, n);
    stat sf = {"f", 0, 0, 0}, sd = {"f'", 0, 0, 0}, sy = {"f' from y", 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        check(&sf, y[i], activ_f64(E, x[i], p), x[i], ki->f_ulp, ki->abs, cond(activ_f64, x[i], p));
        check(&sd, d[i], activ_df64(E, x[i], p), x[i], ki->df_ulp, ki->abs, cond(activ_df64, x[i], p));
    }
    if (E->df_from_y && activ_backward_from_output(E, pf, y, ones, d, n) == 0) {
        for (size_t i = 0; i < n; i++) {
            if (isnan(y[i])) continue;
            check(&sy, d[i], E->df_from_y(y[i], p), x[i], ki->df_ulp + 1, ki->abs, cond(activ_df64, x[i], p));
        }
    }
    /* the fused forward gives the very bits of the two separate passes */
    float *y2 = malloc(cap * sizeof *y2), *d2 = malloc(cap * sizeof *d2);
    activ_backward(E, pf, x, ones, d, n);
    activ_forward_with_derivative(E, pf, x, y2, d2, n);
    for (size_t i = 0; i < n; i++)
        if (memcmp(&y[i], &y2[i], sizeof *y) || memcmp(&d[i], &d2[i], sizeof *d)) {
            printf("  FAIL forward with derivative at x = %.9g: (%.9g, %.9g), separately (%.9g, %.9g)\n", x[i], y2[i],
                   d2[i], y[i], d[i]);
            failures++;
            break;
        }
    free(y2), free(d2);
    printf("  %-7s f %.3g ulp/cond (at %.6g), f' %.3g ulp/cond (at %.6g)", activ_isa_name(activ_isa_active()), sf.worst, sf.at,
           sd.worst, sd.at);
    if (sy.n) printf(", f' from y %.3g ulp", sy.worst);
    printf(" over %zu inputs\n", n);
    exhaustive_near(p, pf, ki, (float)sf.at, (float)sd.at, x, y, d, ones, cap);
    free(x), free(y), free(d), free(ones);
}

static void backward_random_dy(const double *p, const float *pf, const activ_kernel_info *ki)
{
    size_t n = 10007;
    float *x = malloc(n * sizeof *x), *dy = malloc(n * sizeof *dy), *dx = malloc(n * sizeof *dx);
    uint64_t s = 5;
    for (size_t i = 0; i < n; i++) x[i] = (float)(16 * sw_uniform(&s) - 8), dy[i] = (float)(2 * sw_uniform(&s) - 1);
    activ_backward(E, pf, x, dy, dx, n);
    stat st = {"dy*f'", 0, 0, 0};
    for (size_t i = 0; i < n; i++)
        check(&st, dx[i], (double)dy[i] * activ_df64(E, x[i], p), x[i], ki->df_ulp + 1, ki->abs,
              cond(activ_df64, x[i], p));
    if (E->nparams) {
        double g[ACTIV_MAX_PARAMS], want[ACTIV_MAX_PARAMS] = {0}, mag[ACTIV_MAX_PARAMS] = {0}, gi[ACTIV_MAX_PARAMS];
        activ_param_grad(E, pf, x, dy, n, g);
        for (size_t i = 0; i < n; i++) {
            activ_dp64(E, x[i], p, gi);
            for (unsigned k = 0; k < E->nparams; k++) want[k] += dy[i] * gi[k], mag[k] += fabs(dy[i] * gi[k]);
        }
        for (unsigned k = 0; k < E->nparams; k++)
            if (!(fabs(g[k] - want[k]) <= 1e-5 * mag[k] + 1e-30))
                FAIL("sum dy*df/d%s = %.9g, double sum %.9g", E->params[k].name, g[k], want[k]);
    }
    free(x), free(dy), free(dx);
}

static void specials(const float *pf)
{
    const float xs[] = {NAN, INFINITY, -INFINITY, 0.0f, -0.0f};
    float y[5], d[5], ones[5] = {1, 1, 1, 1, 1};
    activ_forward(E, pf, xs, y, 5);
    activ_backward(E, pf, xs, ones, d, 5);
    if (!isnan(y[0]) || !isnan(d[0])) FAIL("NaN does not give NaN");
    for (int i = 1; i < 5; i++) {
        float want = activ_f32(E, xs[i], pf), wd = activ_df32(E, xs[i], pf);
        if (!(y[i] == want || (isnan(y[i]) && isnan(want))) && !(fabs(y[i] - want) <= 1e-6 * fabs(want)))
            FAIL("f(%g) = %g, scalar %g", xs[i], y[i], want);
        if (!(d[i] == wd || (isnan(d[i]) && isnan(wd))) && !(fabs(d[i] - wd) <= 1e-6 * fabs(wd) + 1e-30))
            FAIL("f'(%g) = %g, scalar %g", xs[i], d[i], wd);
    }
}

static void lengths_and_aliasing(const float *pf)
{
    enum { N = 3 * 16 + 3, OFF = 4 };
    float x[N + OFF], full[N + OFF], y[N + OFF + 1], dfull[N + OFF], dy[N + OFF];
    uint64_t s = 9;
    for (int i = 0; i < N + OFF; i++) x[i] = (float)(8 * sw_uniform(&s) - 4), dy[i] = (float)sw_uniform(&s);
    activ_forward(E, pf, x, full, N + OFF);
    activ_backward(E, pf, x, dy, dfull, N + OFF);
    for (int off = 0; off < OFF; off++)
        for (int n = 0; n <= N; n++) {
            y[off + n] = 12345.0f; /* sentinel: nothing past the end is written */
            activ_forward(E, pf, x + off, y + off, (size_t)n);
            if (memcmp(y + off, full + off, (size_t)n * sizeof(float)) || y[off + n] != 12345.0f)
                FAIL("forward of length %d at offset %d differs from the whole array's", n, off);
            float in[N + OFF];
            memcpy(in, x, sizeof in);
            activ_forward(E, pf, in + off, in + off, (size_t)n);
            if (memcmp(in + off, full + off, (size_t)n * sizeof(float))) FAIL("in-place forward, length %d", n);
            memcpy(in, dy, sizeof in);
            activ_backward(E, pf, x + off, in + off, in + off, (size_t)n);
            if (memcmp(in + off, dfull + off, (size_t)n * sizeof(float))) FAIL("in-place backward, length %d", n);
        }
}

static void threads_agree(const float *pf)
{
    size_t n = 300001;
    float *x = malloc(n * sizeof *x), *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    uint64_t s = 3;
    for (size_t i = 0; i < n; i++) x[i] = (float)(8 * sw_uniform(&s) - 4);
    activ_set_threads(1);
    activ_forward(E, pf, x, a, n);
    double g1[ACTIV_MAX_PARAMS], g2[ACTIV_MAX_PARAMS];
    activ_param_grad(E, pf, x, x, n, g1);
    activ_set_threads(2);
    activ_forward(E, pf, x, b, n);
    activ_param_grad(E, pf, x, x, n, g2);
    activ_set_threads(0);
    if (memcmp(a, b, n * sizeof *a)) FAIL("one and two threads differ");
    if (E->nparams && memcmp(g1, g2, E->nparams * sizeof *g1)) FAIL("parameter gradients differ between 1 and 2 threads");
    free(x), free(a), free(b);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s ENTRY\n", argv[0]);
        return 2;
    }
    E = sw_entry_or_die(argv[1]);
    activ_kernel_info ki;
    if (!activ_kernel_info_get(E, &ki)) {
        printf("%s has no vector kernel\n", E->name);
        return 1;
    }
    int nsets = sw_nsets(E);
    for (activ_isa isa = ACTIV_ISA_GENERIC; isa <= ACTIV_ISA_AVX512; isa++) {
        if (!activ_isa_supported(isa)) {
            printf("  %-7s not supported by this CPU: skipped\n", activ_isa_name(isa));
            continue;
        }
        activ_isa_set(isa);
        activ_kernel_info_get(E, &ki);
        for (int set = 0; set < nsets; set++) {
            double p[ACTIV_MAX_PARAMS];
            float pf[ACTIV_MAX_PARAMS];
            sw_params(E, set, p);
            for (unsigned k = 0; k < E->nparams; k++) pf[k] = (float)p[k];
            accuracy(p, pf, &ki);
            backward_random_dy(p, pf, &ki);
            specials(pf);
            lengths_and_aliasing(pf);
            if (set == 0) threads_agree(pf);
        }
    }
    printf("%s: bound f %g ulp, f' %g ulp%s%g abs\n%s\n", E->name, ki.f_ulp, ki.df_ulp, ki.abs > 0 ? ", or " : "",
           ki.abs > 0 ? ki.abs : 0, failures ? "FAILED" : "passed");
    return failures ? 1 : 0;
}
