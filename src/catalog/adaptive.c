/*
 * Learning / adaptive family (survey section 6, Table 5): units whose shape
 * is learned (hinges, polynomial or kernel coefficients, gates, slopes).
 *
 * Kink convention: f' takes the value of the piece on the left of a kink
 * (ReLU's 1[x > 0]; a hinge max(0, b - x) gives -1[x <= b]; a hat rises on
 * (A - L, A] and falls on (A, A + L]).  Taking the same side for every term
 * matters where kinks of several terms coincide (MeLU's hats meet at 1, 2
 * and 3; APL's hinges may sit on each other or at 0): a per-term choice can
 * then fall outside the one-sided derivatives of the sum.
 *
 * Numerics: sums whose terms may cancel (APL, MeLU, SLAF) are accumulated
 * with error-free transformations (two-sum, fma two-product), so f stays
 * accurate next to its zeros.  Products of a tiny exponential and a large
 * factor go through prod_exp, which works in logarithms where e^z would be
 * subnormal and never forms inf*0.
 */
#include <float.h>

#include "entry.h"

/* ---- helpers ------------------------------------------------------------- */

/* a*b*c*e^z, likewise (a*b*c is never formed, so it cannot overflow) */
static double prod3_exp(double a, double b, double c, double z)
{
    if (a == 0 || b == 0 || c == 0 || z == -INFINITY) return 0.0;
    double s = ((a < 0) != (b < 0)) != (c < 0) ? -1.0 : 1.0;
    return s * exp(log(fabs(a)) + log(fabs(b)) + log(fabs(c)) + z);
}

/* A double-double accumulator: hi + lo holds the running sum with about
   twice double's precision (each addition by two-sum, each product a*b by
   fma two-product). */
typedef struct {
    double hi, lo;
} acc_t;
static void acc_add(acc_t *s, double v)
{
    double t = s->hi + v, bp = t - s->hi;
    s->lo += (s->hi - (t - bp)) + (v - bp);
    s->hi = t;
}
static void acc_mul_add(acc_t *s, double a, double b)
{
    double p = a * b;
    acc_add(s, p);
    s->lo += fma(a, b, -p);
}
static double acc_get(const acc_t *s)
{
    return s->hi + s->lo;
}

/* d/dz of z*sigma(z) = sigma(z)*(1 + z*sigma(-z)), for z = beta*x.
   Its zero z0 = -1 - W(1/e) (the minimum of swish) is factored out exactly:
   1 + z + e^z = d + e^z0*expm1(d) with d = z - z0, two terms of one sign,
   so the derivative keeps its relative accuracy right next to z0. */
#define SWISH_Z0_HI -1.2784645427610737
#define SWISH_Z0_LO -1.0946994183093437e-16
#define SWISH_C 0.2784645427610738 /* e^z0 = -1 - z0 = W(1/e) */
static double swish_dz(double beta, double x)
{
    if (beta == 0) return 0.5;
    double z = beta * x;
    if (z > 40) return ax_sigmoid(z) * (1 + ax_mul0(z, ax_sigmoid(-z)));
    if (z < -40) return ax_prod_exp(1 + z, 1.0, z); /* e^z*(1 + z), to relative 1e-17 */
    double d = fma(beta, x, -SWISH_Z0_HI) - SWISH_Z0_LO;
    return ax_dsigmoid(z) * (d + SWISH_C * expm1(d));
}

/* x*sigma(z) = x*e^(-softplus(-z)) */
static double x_sigmoid(double x, double z)
{
    return ax_prod_exp(x, 1.0, -ax_softplus(-z));
}

/* ---- APL -------------------------------------------------------------------- */
/* p: a1, a2, b1, b2 */
static double apl_f(double x, const double *p)
{
    const double *a = p, *b = p + 2;
    if (isinf(x)) {
        if (x > 0) return x;
        double A = a[0] + a[1]; /* slope -A far left */
        return A != 0 ? A * INFINITY : a[0] * b[0] + a[1] * b[1];
    }
    double big = 0x1p1000;
    if (fabs(x) > big || fabs(b[0]) > big || fabs(b[1]) > big) {
        /* relu(x) + sum over active hinges of a*b - (sum of their a)*x */
        double A = 0, B = 0;
        for (int s = 0; s < 2; s++)
            if (x < b[s]) {
                A += a[s];
                B += a[s] * b[s];
            }
        return (x > 0 ? x : 0.0) + (B - ax_mul0(A, x));
    }
    acc_t acc = {x > 0 ? x : 0.0, 0.0};
    for (int s = 0; s < 2; s++) {
        if (!(x < b[s])) continue;
        /* a*(b - x) with b - x = h + l exactly */
        double h = b[s] - x, bp = h - b[s];
        double l = (b[s] - (h - bp)) + (-x - bp);
        acc_mul_add(&acc, a[s], h);
        acc.lo += a[s] * l;
    }
    return acc_get(&acc);
}
static double apl_df(double x, const double *p)
{
    acc_t acc = {x > 0 ? 1.0 : 0.0, 0.0};
    for (int s = 0; s < 2; s++)
        if (x <= p[2 + s]) acc_add(&acc, -p[s]);
    return acc_get(&acc);
}
static void apl_dp(double x, const double *p, double *g)
{
    for (int s = 0; s < 2; s++) {
        double b = p[2 + s];
        g[s] = x < b ? b - x : 0.0;
        g[2 + s] = x <= b ? p[s] : 0.0;
    }
}
const activ_entry activ_entry_apl = {
    .name = "apl",
    .title = "APL (adaptive piecewise linear)",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "max(0, x) + sum_{s=1..2} a_s*max(0, b_s - x)",
    .derivative = "1[x > 0] - sum_s a_s*1[x <= b_s]; d/da_s = max(0, b_s - x); d/db_s = a_s*1[x <= b_s]",
    .kink = "the left piece at every kink: 1[x > 0] for the ReLU part, -a_s*1[x <= b_s] for hinge s "
            "(PyTorch autograd would give the hinge 0 at x = b_s; one side for all terms keeps f' a "
            "subgradient where kinks coincide)",
    .notes = "S = 2 hinges (S is a hyper-parameter; the authors' example config uses S = 5, and the "
             "values of their CIFAR runs are not verified). a_s, b_s are learned per unit. The "
             "authors' Caffe code initialises a_s ~ U(-0.2, 0.2) and b_s ~ N(0, 0.5^2), with weight "
             "decay 0.001 on both. Defaults must be deterministic: a_s = 0.1 (E|a| under that init) "
             "with b = (-0.5, 0.5) (one standard deviation either side), a V-shaped unit with "
             "minimum 0.05 at x = 0. The survey's range [0, inf) is wrong in general: a_s may be "
             "negative and the slope for x -> -inf is -(a_1 + a_2).",
    .reference = "F. Agostinelli, M. Hoffman, P. Sadowski, P. Baldi, 2015, Learning activation functions "
                 "to improve deep neural networks",
    .nparams = 4,
    .params = {{"a1", 0.1, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "slope of hinge 1"},
               {"a2", 0.1, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "slope of hinge 2"},
               {"b1", -0.5, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "position of hinge 1"},
               {"b2", 0.5, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "position of hinge 2"}},
    .f = apl_f,
    .df = apl_df,
    .dp = apl_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ---- Swish ------------------------------------------------------------------ */
static double swish_f(double x, const double *p)
{
    double b = p[0];
    return b == 0 ? 0.5 * x : x_sigmoid(x, b * x);
}
static double swish_df(double x, const double *p)
{
    return swish_dz(p[0], x);
}
static void swish_dp(double x, const double *p, double *g)
{
    /* x^2*sigma(z)*sigma(-z), the sigmoids as e^(-softplus) */
    double z = p[0] == 0 ? 0.0 : p[0] * x;
    g[0] = ax_prod_exp(x, x, -ax_softplus(z) - ax_softplus(-z));
}
const activ_entry activ_entry_swish = {
    .name = "swish",
    .title = "Swish",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "swish_survey", "beta=0.25"}},
    .formula = "x*sigma(beta*x)",
    .derivative = "sigma(beta*x)*(1 + beta*x*sigma(-beta*x)); d/dbeta = x^2*sigma(beta*x)*sigma(-beta*x)",
    .notes = "beta is trainable and starts at 1, where Swish is SiLU (\"Swish-1\"); beta = 0 gives "
             "x/2, beta -> inf ReLU; negative beta mirrors the shape (f(x; -beta) = x - f(x; beta)). "
             "For beta > 0 the range is [-0.27846/beta, inf) (the survey says (-inf, inf)). oneDNN's "
             "eltwise_swish is this function with beta as its alpha (the name resolves to silu, its "
             "alpha = 1 case). The survey's benchmark code starts beta at 0.25 "
             "(one trainable scalar per module instance): swish_survey. E-Swish (beta*x*sigma(x)) "
             "scales outside the sigmoid and is a separate entry.",
    .reference = "P. Ramachandran, B. Zoph, Q. V. Le, 2018, Searching for activation functions",
    .nparams = 1,
    .params = {{"beta", 1.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "sharpness of the sigmoid gate"}},
    .f = swish_f,
    .df = swish_df,
    .dp = swish_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ---- E-Swish ---------------------------------------------------------------- */
static double eswish_f(double x, const double *p)
{
    return p[0] * x_sigmoid(x, x);
}
static double eswish_df(double x, const double *p)
{
    return p[0] * swish_dz(1.0, x);
}
static void eswish_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = x_sigmoid(x, x);
}
const activ_entry activ_entry_eswish = {
    .name = "eswish",
    .title = "E-Swish",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "beta*x*sigma(x)",
    .derivative = "beta*sigma(x)*(1 + x*sigma(-x)); d/dbeta = x*sigma(x)",
    .notes = "beta scales SiLU from outside (Swish scales inside the sigmoid). The original treats "
             "beta as a fixed hyper-parameter and recommends values in [1, 2]; the default 1.5 is "
             "the middle of that range (the values of its individual experiments are not verified). "
             "The survey lists beta as trainable. Range [-0.27846*beta, inf).",
    .reference = "E. Alcaide, 2018, E-swish: adjusting activations to different network depths",
    .nparams = 1,
    .params = {{"beta", 1.5, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR, "output scale (fixed)"}},
    .f = eswish_f,
    .df = eswish_df,
    .dp = eswish_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ---- Flatten-T Swish ----------------------------------------------------------- */
static double fts_f(double x, const double *p)
{
    return x > 0 ? x_sigmoid(x, x) + p[0] : p[0];
}
static double fts_df(double x, const double *p)
{
    (void)p;
    return x > 0 ? swish_dz(1.0, x) : 0.0;
}
static void fts_dp(double x, const double *p, double *g)
{
    (void)x, (void)p;
    g[0] = 1.0;
}
/* SiLU' at the x > 0 with x*sigma(x) = s: x lies in (s, min(2s, s + 0.2785)]
   (x*sigma(-x) < 0.2785 and sigma > 1/2); safeguarded Newton. */
static double fts_dy(double y, const double *p)
{
    double s = y - p[0];
    if (!(s > 0)) return 0.0;
    if (isinf(s)) return 1.0;
    double lo = s, hi = fmin(2 * s, s + 0.27846454276107380), x = 0.5 * (lo + hi);
    for (int it = 0; it < 100; it++) {
        double r = x * ax_sigmoid(x) - s, d = swish_dz(1.0, x);
        if (r > 0) hi = x;
        else lo = x;
        double nx = x - r / d;
        if (!(nx > lo && nx < hi)) nx = 0.5 * (lo + hi);
        if (fabs(nx - x) <= 1e-16 * x) {
            x = nx;
            break;
        }
        x = nx;
    }
    return swish_dz(1.0, x);
}
const activ_entry activ_entry_flatten_t_swish = {
    .name = "flatten_t_swish",
    .title = "Flatten-T Swish",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x*sigma(x) + T for x > 0; T otherwise",
    .derivative = "sigma(x)*(1 + x*sigma(-x)) for x > 0, 0 otherwise; d/dT = 1",
    .kink = "f'(0) = 0 (the flat left piece); the right side starts with slope 1/2",
    .notes = "A thresholded SiLU: flat at T for x <= 0 (continuous at 0). T = -0.20 as in the original "
             "(fixed; not verified from the primary text). Monotone, so f' is a function of the "
             "output: the backward from y inverts x*sigma(x) = y - T by Newton's method.",
    .reference = "H. H. Chieng, N. Wahid, P. Ong, S. R. K. Perla, 2018, Flatten-T Swish: a thresholded "
                 "ReLU-Swish-like activation function for deep learning",
    .nparams = 1,
    .params = {{"T", -0.2, -INFINITY, INFINITY, 0, ACTIV_SHARE_SCALAR, "level of the flat left piece (fixed)"}},
    .f = fts_f,
    .df = fts_df,
    .dp = fts_dp,
    .df_from_y = fts_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* ---- ARiA2 ------------------------------------------------------------------ */
/* f = x*sigma(z)^alpha, z = beta*x; sigma(z)^alpha = e^(-alpha*softplus(-z)) */
static double aria2_f(double x, const double *p)
{
    double z = p[1] * x;
    return ax_prod_exp(x, 1.0, -p[0] * ax_softplus(-z));
}
static double aria2_df(double x, const double *p)
{
    double a = p[0], z = p[1] * x;
    /* sigma^alpha * (1 + alpha*z*sigma(-z)) */
    return ax_prod_exp(1 + a * ax_mul0(z, ax_sigmoid(-z)), 1.0, -a * ax_softplus(-z));
}
static void aria2_dp(double x, const double *p, double *g)
{
    double a = p[0], z = p[1] * x, e = -a * ax_softplus(-z);
    /* d/dalpha = -x*softplus(-z)*sigma^alpha; d/dbeta = alpha*x^2*sigma^alpha*sigma(-z) */
    g[0] = -ax_prod_exp(x, ax_softplus(-z), e);
    g[1] = a * ax_prod_exp(x, x, e - ax_softplus(z));
}
const activ_entry activ_entry_aria2 = {
    .name = "aria2",
    .title = "ARiA2",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x*(1 + e^(-beta*x))^(-alpha) = x*sigma(beta*x)^alpha",
    .derivative = "sigma(beta*x)^alpha*(1 + alpha*beta*x*sigma(-beta*x)); d/dalpha = f*ln sigma(beta*x); "
                  "d/dbeta = alpha*x^2*sigma(beta*x)^alpha*sigma(-beta*x)",
    .notes = "The two-parameter member of ARiA (x times a Richards curve); alpha = 1 gives Swish with "
             "the same beta. alpha controls the asymmetry of the negative dip. Defaults alpha = 1.5, "
             "beta = 1 follow third-party implementations (one uses beta = 0.5); not verified from "
             "the primary source. Both are fixed hyper-parameters, as in the original.",
    .reference = "N. Patwardhan, M. Ingalhalikar, R. Walambe, 2018, ARiA: utilizing Richard's curve for "
                 "controlling the non-monotonicity of the activation function in deep neural nets",
    .nparams = 2,
    .params = {{"alpha", 1.5, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR, "Richards exponent (fixed)"},
               {"beta", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR, "growth rate (fixed)"}},
    .f = aria2_f,
    .df = aria2_df,
    .dp = aria2_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ---- TAF -------------------------------------------------------------------- */
/* d = x - a and b scaled together when large, so that hypot does not
   overflow before the ratios are formed */
static double taf_f(double x, const double *p)
{
    return hypot(x - p[0], p[1]);
}
static void taf_ratios(double x, const double *p, double *rd, double *rb)
{
    double d = x - p[0], b = p[1];
    if (isinf(d)) {
        *rd = d > 0 ? 1.0 : -1.0;
        *rb = 0.0;
        return;
    }
    if (fmax(fabs(d), fabs(b)) > 0x1p1000) {
        d *= 0x1p-600;
        b *= 0x1p-600;
    }
    double h = hypot(d, b);
    *rd = h == 0 ? 0.0 : d / h;
    *rb = h == 0 ? 0.0 : b / h;
}
static double taf_df(double x, const double *p)
{
    double rd, rb;
    taf_ratios(x, p, &rd, &rb);
    return rd;
}
static void taf_dp(double x, const double *p, double *g)
{
    double rd, rb;
    taf_ratios(x, p, &rd, &rb);
    g[0] = -rd;
    g[1] = rb;
}
const activ_entry activ_entry_taf = {
    .name = "taf",
    .title = "TAF (trained activation function)",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "sqrt((x - a)^2 + b^2)",
    .derivative = "(x - a)/f; d/da = -(x - a)/f; d/db = b/f",
    .kink = "none for b != 0; for b = 0, f = |x - a| and f'(a) = 0",
    .notes = "A smoothed |x - a| (a hyperbola): minimum |b| at x = a, slopes -1 and 1 far out. a and b "
             "are learned per neuron. Defaults a = 0, b = 1 (sqrt(x^2 + 1)) are not verified from "
             "the primary source.",
    .reference = "M. F. Ertugrul, 2018, A novel type of activation function in artificial neural "
                 "networks: trained activation function",
    .nparams = 2,
    .params = {{"a", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "centre"},
               {"b", 1.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "smoothing; |b| is the minimum"}},
    .f = taf_f,
    .df = taf_df,
    .dp = taf_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ---- SLAF ------------------------------------------------------------------- */
/* Compensated Horner (error-free transformations): the result is as
   accurate as Horner's rule in twice the working precision, then rounded.
   c[0..n] low to high; clo is an extra low part of the leading coefficient. */
static double comp_horner(const double *c, int n, double clo, double x)
{
    if (fabs(x) > 0x1p300) { /* the leading term dominates; plain Horner */
        double s = c[n];
        for (int i = n - 1; i >= 0; i--) s = s * x + c[i];
        return s;
    }
    double s = c[n], err = clo;
    for (int i = n - 1; i >= 0; i--) {
        double pr = s * x, pe = fma(s, x, -pr);
        double t = pr + c[i], bp = t - pr, se = (pr - (t - bp)) + (c[i] - bp);
        s = t;
        err = err * x + (pe + se);
    }
    return s + err;
}
/* the limit at +-inf: the highest non-zero term */
static double poly_inf(const double *c, int n, double x)
{
    for (int i = n; i >= 1; i--)
        if (c[i] != 0) return (i % 2 == 0 || x > 0) == (c[i] > 0) ? INFINITY : -INFINITY;
    return c[0];
}
static double slaf_f(double x, const double *p)
{
    return isinf(x) ? poly_inf(p, 3, x) : comp_horner(p, 3, 0.0, x);
}
static double slaf_df(double x, const double *p)
{
    /* coefficients a1, 2*a2, 3*a3 (the last as hi + lo) */
    double c[3] = {p[1], 2 * p[2], 3 * p[3]};
    if (isinf(x)) return poly_inf(c, 2, x);
    return comp_horner(c, 2, fma(3.0, p[3], -c[2]), x);
}
static void slaf_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = 1.0;
    g[1] = x;
    g[2] = x * x;
    g[3] = x * x * x;
}
const activ_entry activ_entry_slaf = {
    .name = "slaf",
    .title = "SLAF (self-learnable activation function)",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "a0 + a1*x + a2*x^2 + a3*x^3",
    .derivative = "a1 + 2*a2*x + 3*a3*x^2; d/da_i = x^i",
    .notes = "A learned polynomial sum_{i<N} a_i x^i with N = 4 here (N is a hyper-parameter of the "
             "original). Defaults (0, 1/2, 1/4, 0): the cubic Taylor polynomial of SiLU at 0 "
             "(activ's choice; the original's initialisation is not verified). Unbounded, and not "
             "monotone in general.",
    .reference = "M. Goyal, R. Goyal, B. Lall, 2019, Learning activation functions: a new paradigm for "
                 "understanding neural networks",
    .nparams = 4,
    .params = {{"a0", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "constant coefficient"},
               {"a1", 0.5, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "coefficient of x"},
               {"a2", 0.25, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "coefficient of x^2"},
               {"a3", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "coefficient of x^3"}},
    .f = slaf_f,
    .df = slaf_df,
    .dp = slaf_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ---- MeLU ------------------------------------------------------------------- */
/* Hats max(L_j - |x - A_j|, 0): the first four of the original's dyadic
   construction on [0, 4] (centres and half-widths (2,2), (1,1), (3,1),
   (0.5,0.5)), fixed. */
static const double MELU_A[4] = {2.0, 1.0, 3.0, 0.5};
static const double MELU_L[4] = {2.0, 1.0, 1.0, 0.5};
/* value of hat j: x - (A - L) on the rising side, (A + L) - x on the
   falling one; each a single rounding of exact operands */
static double melu_hat(int j, double x)
{
    double lo = MELU_A[j] - MELU_L[j], hi = MELU_A[j] + MELU_L[j];
    if (!(x > lo && x < hi)) return 0.0;
    return x < MELU_A[j] ? x - lo : hi - x;
}
static double melu_f(double x, const double *p)
{
    /* p: a (PReLU slope), c1..c4 */
    if (fabs(x) > 0x1p1000) return x > 0 ? x : ax_mul0(p[0], x); /* no hats out there */
    acc_t acc = {0.0, 0.0};
    if (x > 0) acc_add(&acc, x);
    else acc_mul_add(&acc, p[0], x);
    for (int j = 0; j < 4; j++) {
        double h = melu_hat(j, x);
        if (h != 0) acc_mul_add(&acc, p[1 + j], h);
    }
    return acc_get(&acc);
}
static double melu_df(double x, const double *p)
{
    /* left derivatives: hat j rises on (A - L, A], falls on (A, A + L] */
    acc_t acc = {x > 0 ? 1.0 : p[0], 0.0};
    for (int j = 0; j < 4; j++) {
        double lo = MELU_A[j] - MELU_L[j], hi = MELU_A[j] + MELU_L[j];
        if (x > lo && x <= MELU_A[j]) acc_add(&acc, p[1 + j]);
        else if (x > MELU_A[j] && x <= hi) acc_add(&acc, -p[1 + j]);
    }
    return acc_get(&acc);
}
static void melu_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = x > 0 ? 0.0 : x;
    for (int j = 0; j < 4; j++) g[1 + j] = melu_hat(j, x);
}
const activ_entry activ_entry_melu = {
    .name = "melu",
    .title = "MeLU (Mexican ReLU)",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "PReLU(x; a) + sum_{j=1..4} c_j*max(L_j - |x - A_j|, 0), (A_j, L_j) = (2,2), (1,1), "
               "(3,1), (0.5,0.5)",
    .derivative = "1[x > 0] + a*1[x <= 0] + sum_j c_j*(1 on (A_j - L_j, A_j], -1 on (A_j, A_j + L_j], "
                  "0 elsewhere); d/da = x for x <= 0; d/dc_j = max(L_j - |x - A_j|, 0)",
    .kink = "the left piece at every kink (0, 0.5, 1, 1.5, 2, 3, 4 and the hats' centres): f'(0) = a, "
            "f'(2) = 1 + c1 - c2, ...; hats meet at 1, 2 and 3, so one side for all terms",
    .notes = "PReLU plus k = 4 'Mexican hat' functions with fixed centres A_j and half-widths L_j, the "
             "first four of the original's recursive halving of [0, maxInput] with maxInput = 4 "
             "(placement from memory of the paper and the authors' MATLAB notes; not verified). Only "
             "the c_j (and the PReLU slope a, init 0.25) are learned. They start at 0, so MeLU starts "
             "as a plain PReLU and learns its hats (the authors' code also flips the sign of the "
             "(2, 2) hat). Range R in general.",
    .reference = "G. Maguolo, L. Nanni, S. Ghidoni, 2019, Ensemble of convolutional neural networks "
                 "trained with different activation functions",
    .nparams = 5,
    .params = {{"a", 0.25, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "PReLU slope for x <= 0"},
               {"c1", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "weight of the hat at 2, half-width 2"},
               {"c2", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "weight of the hat at 1, half-width 1"},
               {"c3", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "weight of the hat at 3, half-width 1"},
               {"c4", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "weight of the hat at 0.5, half-width 0.5"}},
    .f = melu_f,
    .df = melu_df,
    .dp = melu_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ---- AAF -------------------------------------------------------------------- */
/* p: w (gate), p (PReLU slope), a, b (PELU).  z = w*x; the gate is
   sigma(z) on PReLU and sigma(-z) on PELU.  ln(sigma(z)*sigma(-z)) =
   -softplus(z) - softplus(-z). */
static double aaf_z(double x, const double *p)
{
    return p[0] == 0 ? 0.0 : p[0] * x;
}
static double aaf_f(double x, const double *p)
{
    double z = aaf_z(x, p), a = p[2], b = p[3];
    if (x > 0) return x * (ax_sigmoid(z) + ax_sigmoid(-z) * (a / b));
    return ax_prod_exp(p[1], x, -ax_softplus(-z)) + ax_sigmoid(-z) * a * expm1(x / b);
}
static double aaf_df(double x, const double *p)
{
    double w = p[0], z = aaf_z(x, p), a = p[2], b = p[3], lds = -ax_softplus(z) - ax_softplus(-z);
    if (x > 0) {
        /* sigma + sigma(-z)*(a/b) + x*w*sigma'*(1 - a/b) */
        return ax_sigmoid(z) + ax_sigmoid(-z) * (a / b) + ax_prod_exp(x, w, lds) * ((b - a) / b);
    }
    /* w*sigma'*(p x - a expm1(x/b)) + sigma*p + sigma(-z)*(a/b)*e^(x/b),
       the first product split so that p*x cannot overflow */
    return prod3_exp(w, p[1], x, lds) - prod3_exp(w, a, expm1(x / b), lds) + ax_sigmoid(z) * p[1] +
           (a / b) * exp(x / b - ax_softplus(z));
}
static void aaf_dp(double x, const double *p, double *g)
{
    double z = aaf_z(x, p), a = p[2], b = p[3], lds = -ax_softplus(z) - ax_softplus(-z);
    if (x > 0) {
        g[0] = ax_prod_exp(x, x, lds) * ((b - a) / b); /* x*sigma'*(x - (a/b)x) */
        g[1] = 0.0;
        g[2] = ax_prod_exp(x / b, 1.0, -ax_softplus(z));
        g[3] = -(a / b) * ax_prod_exp(x / b, 1.0, -ax_softplus(z));
        return;
    }
    /* x*sigma'*(p x - a expm1(x/b)) */
    g[0] = prod3_exp(x, x, p[1], lds) - prod3_exp(x, a, expm1(x / b), lds);
    g[1] = ax_prod_exp(x, 1.0, -ax_softplus(-z));
    g[2] = ax_sigmoid(-z) * expm1(x / b);
    g[3] = -(a / b) * ax_prod_exp(x / b, 1.0, x / b - ax_softplus(z));
}
const activ_entry activ_entry_aaf = {
    .name = "aaf",
    .title = "AAF (gated PReLU/PELU)",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "sigma(w*x)*PReLU(x; p) + (1 - sigma(w*x))*PELU(x; a, b)",
    .derivative = "w*sigma'(w*x)*(PReLU - PELU) + sigma(w*x)*PReLU' + (1 - sigma(w*x))*PELU'; d/dw = "
                  "x*sigma'(w*x)*(PReLU - PELU); d/dp = sigma(w*x)*x for x <= 0; d/da, d/db = "
                  "(1 - sigma(w*x)) times PELU's",
    .kink = "f'(0) takes the x <= 0 pieces: (p + a/b)/2 against (1 + a/b)/2 on the right",
    .notes = "A learned sigmoid gate mixing two learned units, as the survey writes it. Defaults: w = "
             "1, p = 0.25 (PReLU's init), a = b = 1 (PELU's usual init); the gate weight's init is "
             "not verified from the primary source. At these values the unit dips slightly below "
             "-1 near x = -9 before saturating at -a. The survey's range [0, 1] is wrong: f is "
             "unbounded above.",
    .reference = "S. Qian, H. Liu, C. Liu, S. Wu, H. S. Wong, 2018, Adaptive activation functions in "
                 "convolutional neural networks",
    .nparams = 4,
    .params = {{"w", 1.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "gate weight"},
               {"p", 0.25, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "PReLU slope for x <= 0"},
               {"a", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, "PELU saturation (-a)"},
               {"b", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, "PELU input scale"}},
    .f = aaf_f,
    .df = aaf_df,
    .dp = aaf_dp,
    .bound = {1, 1e-7, 1, 1e-7, 1, 1e-7,
              "f' (and f for p < 0) has zeros where the gated PReLU and PELU terms cancel, e.g. at "
              "the dip near x = -9 at the defaults; there the error is relative to the terms"},
};

/* ---- KAF -------------------------------------------------------------------- */
/* The dictionary: numpy's linspace(-3, 3, 10) in double (-3 + i*(6/9)). */
static const double KAF_D[10] = {-3.0,
                                 -2.3333333333333335,
                                 -1.6666666666666667,
                                 -1.0,
                                 -0.3333333333333335,
                                 0.3333333333333335,
                                 1.0,
                                 1.666666666666667,
                                 2.333333333333333,
                                 3.0};
/* p: alpha_1..alpha_10, gamma */
static double kaf_f(double x, const double *p)
{
    acc_t acc = {0.0, 0.0};
    for (int i = 0; i < 10; i++) {
        double d = x - KAF_D[i];
        acc_add(&acc, p[i] * exp(-p[10] * (d * d)));
    }
    return acc_get(&acc);
}
static double kaf_df(double x, const double *p)
{
    acc_t acc = {0.0, 0.0};
    for (int i = 0; i < 10; i++) {
        double d = x - KAF_D[i];
        acc_add(&acc, p[i] * ax_mul0(d, exp(-p[10] * (d * d))));
    }
    return -2 * p[10] * acc_get(&acc);
}
static void kaf_dp(double x, const double *p, double *g)
{
    acc_t acc = {0.0, 0.0};
    for (int i = 0; i < 10; i++) {
        double d = x - KAF_D[i], d2 = d * d, k = exp(-p[10] * d2);
        g[i] = k;
        acc_add(&acc, p[i] * ax_mul0(d2, k));
    }
    g[10] = -acc_get(&acc);
}
#define KAF_ALPHA(i, v) {"alpha" #i, v, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, \
                         "weight of the kernel at dictionary point " #i}
const activ_entry activ_entry_kaf = {
    .name = "kaf",
    .title = "KAF (kernel activation function)",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "sum_{i=1..10} alpha_i*exp(-gamma*(x - d_i)^2), d = linspace(-3, 3, 10)",
    .derivative = "-2*gamma*sum_i alpha_i*(x - d_i)*exp(-gamma*(x - d_i)^2); d/dalpha_i = "
                  "exp(-gamma*(x - d_i)^2); d/dgamma = -sum_i alpha_i*(x - d_i)^2*exp(-gamma*(x - d_i)^2)",
    .notes = "A kernel expansion over a fixed dictionary of D = 10 points on [-3, 3] (numpy's "
             "linspace, rounded to double) with learned mixing coefficients alpha_i per neuron; "
             "f -> 0 far outside the dictionary. gamma = 1/(2*(2*Delta)^2) = 9/32 for the spacing "
             "Delta = 2/3, the rule of thumb in the authors' code (fixed). The authors initialise "
             "alpha ~ N(0, 0.3^2) or by kernel ridge regression on a target function; activ's "
             "deterministic default is that regression on ELU, alpha = (K + 0.001*I)^-1 ELU(d) with "
             "K_ij = exp(-gamma*(d_i - d_j)^2), which fits ELU to 0.03 on [-3, 3]. (Their code adds "
             "the ridge to every entry of K, not to the diagonal.)",
    .reference = "S. Scardapane, S. Van Vaerenbergh, S. Totaro, A. Uncini, 2019, Kafnets: kernel-based "
                 "non-parametric activation functions for neural networks",
    .nparams = 11,
    .params = {KAF_ALPHA(1, -1.8558964525298192), KAF_ALPHA(2, 2.8412938297408727),
               KAF_ALPHA(3, -4.7670353088596711), KAF_ALPHA(4, 6.6384116226538143),
               KAF_ALPHA(5, -8.2912068461440196), KAF_ALPHA(6, 7.2211133511825727),
               KAF_ALPHA(7, -7.1890260375114554), KAF_ALPHA(8, 11.367308384486655),
               KAF_ALPHA(9, -12.698819361868864), KAF_ALPHA(10, 8.9598446450695928),
               {"gamma", 0.28125, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR,
                "kernel bandwidth (fixed)"}},
    .f = kaf_f,
    .df = kaf_df,
    .dp = kaf_dp,
    .bound = {1, 1e-5, 1, 1e-5, 1, 1e-4,
              "the kernels' weights have both signs and cancel near the zeros of f, f' and "
              "df/dgamma; the error there is relative to the size of the individual terms"},
};

/* ---- double-double arithmetic (SAF) -------------------------------------------- */
/* Values hi + lo with about 106 bits; products by fma two-product. */
static acc_t dd_fast(double a, double b) /* |a| >= |b| or a = 0 */
{
    double s = a + b;
    return (acc_t){s, b - (s - a)};
}
static acc_t dd_sum(double a, double b)
{
    double s = a + b, bp = s - a;
    return (acc_t){s, (a - (s - bp)) + (b - bp)};
}
static acc_t dd_add(acc_t a, acc_t b)
{
    acc_t s = dd_sum(a.hi, b.hi), t = dd_sum(a.lo, b.lo);
    s = dd_fast(s.hi, s.lo + t.hi);
    return dd_fast(s.hi, s.lo + t.lo);
}
static acc_t dd_neg(acc_t a)
{
    return (acc_t){-a.hi, -a.lo};
}
static acc_t dd_mul(acc_t a, acc_t b)
{
    double p = a.hi * b.hi;
    return dd_fast(p, fma(a.hi, b.hi, -p) + (a.hi * b.lo + a.lo * b.hi));
}
static acc_t dd_muld(acc_t a, double b)
{
    double p = a.hi * b;
    return dd_fast(p, fma(a.hi, b, -p) + a.lo * b);
}
static acc_t dd_of(double a)
{
    return (acc_t){a, 0.0};
}

/* ---- SAF (spline activation function) ------------------------------------------- */
/*
 * Catmull-Rom spline through q_0..q_10 at the knots t_i = -2 + 0.4 i.  In the
 * knot coordinate s = 2.5 x + 5, span i = floor(s) (0..9) with u = s - i and
 * v = 1 - u weighs q_{i-1}, q_i, q_{i+1}, q_{i+2} by
 *     -u v^2/2,  v (2 + 2u - 3u^2)/2,  u (2 + 2v - 3v^2)/2,  -u^2 v/2
 * (the Catmull-Rom basis, factored so that every weight is accurate), with
 * the phantom points q_{-1} = 2 q_0 - q_1 and q_11 = 2 q_10 - q_9; outside
 * [-2, 2] f continues along the end segments' lines, which are also the
 * spline's end tangents, so f is C1.  u, v and the weights are formed in
 * double-double from u = 2.5 x + (5 - i) (2.5 x is exact in two doubles), and
 * f = sum W_k q_k is summed in double-double: f stays accurate next to its
 * zeros, wherever the control points put them.
 */
#define SAF_N 11
/* 2.5 x + c as a double-double (exact but for the last ~106th bit) */
static acc_t saf_coord(double x, double c)
{
    double p = 2.5 * x, e = fma(2.5, x, -p);
    acc_t s = dd_sum(p, c);
    return dd_fast(s.hi, s.lo + e);
}

/* The weights of f (W) and of df/ds (D) on q_0..q_10, for |x| <= 2^1000. */
static void saf_weights(double x, acc_t *W, acc_t *D)
{
    for (int k = 0; k < SAF_N; k++) W[k] = D[k] = dd_of(0.0);
    if (x < -2) { /* q_0 + s (q_1 - q_0) */
        acc_t s = saf_coord(x, 5.0);
        W[0] = dd_add(dd_of(1.0), dd_neg(s));
        W[1] = s;
        D[0] = dd_of(-1.0);
        D[1] = dd_of(1.0);
        return;
    }
    if (x > 2) { /* q_10 + (s - 10) (q_10 - q_9) */
        acc_t t = saf_coord(x, -5.0);
        W[10] = dd_add(dd_of(1.0), t);
        W[9] = dd_neg(t);
        D[10] = dd_of(1.0);
        D[9] = dd_of(-1.0);
        return;
    }
    /* the span of the exact s: floor of the double-double (s may round up to a knot) */
    acc_t s = saf_coord(x, 5.0);
    double fl = floor(s.hi);
    if (fl == s.hi && s.lo < 0) fl -= 1;
    int i = (int)fl;
    if (i < 0) i = 0;
    if (i > SAF_N - 2) i = SAF_N - 2;
    acc_t u = saf_coord(x, 5.0 - i), v = dd_add(dd_of(1.0), dd_neg(u));
    acc_t uu = dd_mul(u, u), vv = dd_mul(v, v), uv = dd_mul(u, v);
    acc_t w[4], d[4];
    w[0] = dd_muld(dd_mul(uv, v), -0.5);
    w[1] = dd_muld(dd_mul(v, dd_add(dd_of(2.0), dd_add(dd_muld(u, 2.0), dd_muld(uu, -3.0)))), 0.5);
    w[2] = dd_muld(dd_mul(u, dd_add(dd_of(2.0), dd_add(dd_muld(v, 2.0), dd_muld(vv, -3.0)))), 0.5);
    w[3] = dd_muld(dd_mul(uv, u), -0.5);
    /* d/du: -v (1 - 3u)/2, u (9u - 10)/2, v (10 - 9v)/2, u (3u - 2)/2 */
    d[0] = dd_muld(dd_mul(v, dd_add(dd_of(1.0), dd_muld(u, -3.0))), -0.5);
    d[1] = dd_muld(dd_mul(u, dd_add(dd_muld(u, 9.0), dd_of(-10.0))), 0.5);
    d[2] = dd_muld(dd_mul(v, dd_add(dd_of(10.0), dd_muld(v, -9.0))), 0.5);
    d[3] = dd_muld(dd_mul(u, dd_add(dd_muld(u, 3.0), dd_of(-2.0))), 0.5);
    for (int j = 0; j < 4; j++) {
        int k = i - 1 + j;
        if (k < 0) { /* q_{-1} = 2 q_0 - q_1 */
            W[0] = dd_add(W[0], dd_muld(w[j], 2.0));
            W[1] = dd_add(W[1], dd_neg(w[j]));
            D[0] = dd_add(D[0], dd_muld(d[j], 2.0));
            D[1] = dd_add(D[1], dd_neg(d[j]));
        } else if (k >= SAF_N) { /* q_11 = 2 q_10 - q_9 */
            W[10] = dd_add(W[10], dd_muld(w[j], 2.0));
            W[9] = dd_add(W[9], dd_neg(w[j]));
            D[10] = dd_add(D[10], dd_muld(d[j], 2.0));
            D[9] = dd_add(D[9], dd_neg(d[j]));
        } else {
            W[k] = dd_add(W[k], w[j]);
            D[k] = dd_add(D[k], d[j]);
        }
    }
}
static double saf_dot(const acc_t *W, const double *q)
{
    acc_t s = dd_of(0.0);
    for (int k = 0; k < SAF_N; k++)
        if (W[k].hi != 0) s = dd_add(s, dd_muld(W[k], q[k]));
    return s.hi + s.lo;
}
/* slope of the end line, per unit x: 2.5 (q_1 - q_0) or 2.5 (q_10 - q_9) */
static double saf_end_slope(const double *q, int right)
{
    acc_t d = right ? dd_sum(q[10], -q[9]) : dd_sum(q[1], -q[0]);
    d = dd_muld(d, 2.5);
    return d.hi + d.lo;
}
static double saf_f(double x, const double *p)
{
    if (fabs(x) > 0x1p1000) { /* far out on an end line; also +-inf */
        int right = x > 0;
        double slope = saf_end_slope(p, right), base = right ? p[10] : p[0];
        if (slope == 0) return base;
        if (isinf(x)) return slope * x;
        return slope * x + (base - 2 * (right ? slope : -slope));
    }
    acc_t W[SAF_N], D[SAF_N];
    saf_weights(x, W, D);
    return saf_dot(W, p);
}
static double saf_df(double x, const double *p)
{
    if (x < -2 || x > 2) return saf_end_slope(p, x > 0);
    acc_t W[SAF_N], D[SAF_N];
    saf_weights(x, W, D);
    for (int k = 0; k < SAF_N; k++) D[k] = dd_muld(D[k], 2.5);
    return saf_dot(D, p);
}
static void saf_dp(double x, const double *p, double *g)
{
    (void)p;
    for (int k = 0; k < SAF_N; k++) g[k] = 0.0;
    if (x < -2) { /* weights 1 - s and s, s = 2.5 x + 5, each rounded once */
        g[0] = fma(-2.5, x, -4.0);
        g[1] = fma(2.5, x, 5.0);
        return;
    }
    if (x > 2) { /* 1 + t and -t, t = 2.5 x - 5 */
        g[10] = fma(2.5, x, -4.0);
        g[9] = fma(-2.5, x, 5.0);
        return;
    }
    acc_t W[SAF_N], D[SAF_N];
    saf_weights(x, W, D);
    for (int k = 0; k < SAF_N; k++) g[k] = W[k].hi + W[k].lo;
}
/* control point i at the knot, starting at tanh(knot) (literal: a constant initialiser for every compiler) */
#define SAF_Q(i, knot, q0)                                                                       \
    {"q" #i, q0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, \
     ACTIV_SHARE_ANY, "control point: the value at x = " knot}
const activ_entry activ_entry_saf = {
    .name = "saf",
    .title = "SAF (spline activation function)",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "spline_af", NULL}, {"", "catmull_rom_spline", NULL}},
    .formula = "Catmull-Rom spline through the control points q_0..q_10 at the knots t_i = -2 + 0.4 i: "
               "with s = (x + 2)/0.4, i = floor(s), u = s - i, f = (1/2) [1 u u^2 u^3] M "
               "[q_{i-1} q_i q_{i+1} q_{i+2}]^T, M = [[0,2,0,0],[-1,0,1,0],[2,-5,4,-1],[-1,3,-3,1]], "
               "phantom points q_{-1} = 2 q_0 - q_1 and q_11 = 2 q_10 - q_9; outside [-2, 2] the end "
               "lines: q_0 + (x + 2)(q_1 - q_0)/0.4 and q_10 + (x - 2)(q_10 - q_9)/0.4",
    .derivative = "(1/0.4) (1/2) [0 1 2u 3u^2] M [q_{i-1} .. q_{i+2}]^T inside; (q_1 - q_0)/0.4 and "
                  "(q_10 - q_9)/0.4 outside; d/dq_k = the Catmull-Rom basis weight of q_k at x (four "
                  "non-zero inside, with the phantom points folded into q_0, q_1 and q_9, q_10; 1 - s "
                  "and s on the left line, likewise on the right)",
    .notes = "Scardapane et al. give each neuron a lookup table of control points on a fixed uniform "
             "grid and interpolate with a cubic Catmull-Rom spline (the survey says only 'cubic "
             "spline'); the control points are learned, and a damping penalty pulls them towards "
             "the initial shape (that regulariser belongs to training and is not part of f). The "
             "paper initialises the points on tanh and uses a finer grid over [-2, 2] (a step of "
             "0.2, 21 points, from memory: not verified from the primary source); activ has room "
             "for 11 parameters and uses the step 0.4, with q_i = tanh(t_i) as the default. How "
             "the original treats inputs beyond the table (clamping the span index, which extends "
             "the end cubic) is not verified; activ continues along the end lines, which keeps f "
             "C1 and never explodes. The spline is C1 but not C2 (f'' jumps at the knots; the "
             "survey says C2). Evaluated in double-double, so f keeps its relative accuracy next "
             "to its zeros.",
    .reference = "S. Scardapane, M. Scarpiniti, D. Comminiello, A. Uncini, 2016, Learning activation "
                 "functions from data using cubic spline interpolation",
    .nparams = 11,
    .params = {SAF_Q(0, "-2", -0.9640275800758169), SAF_Q(1, "-1.6", -0.9216685544064713),
               SAF_Q(2, "-1.2", -0.8336546070121552), SAF_Q(3, "-0.8", -0.664036770267849),
               SAF_Q(4, "-0.4", -0.3799489622552249), SAF_Q(5, "0", 0.0), SAF_Q(6, "0.4", 0.3799489622552249),
               SAF_Q(7, "0.8", 0.664036770267849), SAF_Q(8, "1.2", 0.8336546070121552),
               SAF_Q(9, "1.6", 0.9216685544064713), SAF_Q(10, "2", 0.9640275800758169)},
    .f = saf_f,
    .df = saf_df,
    .dp = saf_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ---- Adaptive tanh (Jagtap et al.) ----------------------------------------------- */
/* a*b*sech^2(z): for |z| > 20 as 4ab e^{-2|z|} (relative error below 2e^-40) through
   ax_prod_exp, so that neither the product nor e^{-2|z|} overflows or underflows early;
   0 when a factor is 0 or z infinite (the limit), never NaN. */
static double prod_sech2(double a, double b, double z)
{
    z = fabs(z);
    if (a == 0 || b == 0 || isinf(z)) return 0.0;
    if (z <= 20) {
        double c = cosh(z);
        return a * (b / (c * c));
    }
    return ax_prod_exp(4.0 * a, b, -2.0 * z);
}
/* p: n (fixed scale), a (trainable slope); z = n*a*x */
static double atanh_z(double x, const double *p)
{
    return ax_mul0(p[0] * p[1], x);
}
static double adaptive_tanh_f(double x, const double *p)
{
    return tanh(atanh_z(x, p));
}
static double adaptive_tanh_df(double x, const double *p)
{
    return prod_sech2(p[0], p[1], atanh_z(x, p));
}
static void adaptive_tanh_dp(double x, const double *p, double *g)
{
    double z = atanh_z(x, p);
    g[0] = prod_sech2(p[1], x, z);
    g[1] = prod_sech2(p[0], x, z);
}
static double adaptive_tanh_dy(double y, const double *p)
{
    return (p[0] * p[1]) * ((1.0 - y) * (1.0 + y));
}
const activ_entry activ_entry_adaptive_tanh = {
    .name = "adaptive_tanh",
    .title = "Adaptive tanh (trainable slope)",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "jagtap_tanh", NULL}},
    .formula = "tanh(n*a*x)",
    .derivative = "n*a*(1 - tanh^2(n*a*x)); d/da = n*x*(1 - tanh^2(n*a*x)); d/dn = a*x*(1 - tanh^2(n*a*x))",
    .notes = "Jagtap et al. put a trainable slope a inside the activation, scaled by a fixed factor "
             "n >= 1 that speeds up its learning, and initialise n*a = 1 so the network starts with "
             "the plain activation; here n = 10, a = 0.1 (the factor used in the paper, as far as "
             "recalled; not verified from the primary source). One a per layer or per neuron (the "
             "latter in their follow-up on locally adaptive activations). The framework applies "
             "the same g(n*a*x) to other activations (sigmoid, ReLU, sin, ...); only tanh, their "
             "main example, is catalogued. Odd, range (-1, 1), monotone for a > 0 (decreasing for "
             "a < 0).",
    .reference = "A. D. Jagtap, K. Kawaguchi, G. E. Karniadakis, 2020, Adaptive activation functions "
                 "accelerate convergence in deep and physics-informed neural networks",
    .nparams = 2,
    .params = {{"n", 10.0, 1.0, INFINITY, ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "fixed scale factor of the slope (n >= 1)"},
               {"a", 0.1, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                ACTIV_SHARE_ANY, "trainable slope; n*a is the effective slope (1 at the start)"}},
    .f = adaptive_tanh_f,
    .df = adaptive_tanh_df,
    .dp = adaptive_tanh_dp,
    .df_from_y = adaptive_tanh_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* ---- ABU (adaptive blending unit) -------------------------------------------------- */
/* p: weights of identity, ReLU, tanh, ELU (alpha = 1), SiLU.  The terms are
   summed in double-double with fma two-products (acc_t), so only the
   rounding of tanh, expm1 and x*sigma(x) themselves remains. */
static double abu_f(double x, const double *p)
{
    if (fabs(x) > 0x1p1000) { /* linear terms combined first: no inf - inf */
        acc_t c = {0.0, 0.0};
        if (x > 0) { /* x(w0 + w1 + w3 + w4) + w2 (tanh = 1, x*sigma(-x) = 0) */
            acc_add(&c, p[0]);
            acc_add(&c, p[1]);
            acc_add(&c, p[3]);
            acc_add(&c, p[4]);
            double k = acc_get(&c);
            return k == 0 ? p[2] : k * x + p[2];
        }
        /* w0 x - w2 - w3 (tanh = expm1 = -1, ReLU and SiLU 0) */
        acc_add(&c, -p[2]);
        acc_add(&c, -p[3]);
        return p[0] == 0 ? acc_get(&c) : p[0] * x + acc_get(&c);
    }
    acc_t s = {0.0, 0.0};
    acc_mul_add(&s, p[0], x);
    if (x > 0) {
        acc_mul_add(&s, p[1], x);
        acc_mul_add(&s, p[3], x);
    } else {
        acc_mul_add(&s, p[3], expm1(x));
    }
    acc_mul_add(&s, p[2], tanh(x));
    acc_mul_add(&s, p[4], x_sigmoid(x, x));
    return acc_get(&s);
}
static double abu_df(double x, const double *p)
{
    acc_t s = {p[0], 0.0};
    if (x > 0) {
        acc_add(&s, p[1]);
        acc_add(&s, p[3]);
    } else {
        acc_mul_add(&s, p[3], exp(x));
    }
    acc_mul_add(&s, p[2], ax_sech2(x));
    acc_mul_add(&s, p[4], swish_dz(1.0, x));
    return acc_get(&s);
}
static void abu_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = x;
    g[1] = x > 0 ? x : 0.0;
    g[2] = tanh(x);
    g[3] = x > 0 ? x : expm1(x);
    g[4] = x_sigmoid(x, x);
}
#define ABU_W(n, what) {n, 0.2, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, \
                        ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, what}
const activ_entry activ_entry_abu = {
    .name = "abu",
    .title = "ABU (adaptive blending unit)",
    .family = ACTIV_FAMILY_ADAPTIVE,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "adaptive_blending_unit", NULL}},
    .formula = "w_id*x + w_relu*max(0, x) + w_tanh*tanh(x) + w_elu*ELU(x) + w_silu*x*sigma(x), "
               "ELU(x) = x for x > 0, e^x - 1 otherwise",
    .derivative = "w_id + w_relu*1[x > 0] + w_tanh*(1 - tanh^2 x) + w_elu*(1 for x > 0, e^x "
                  "otherwise) + w_silu*sigma(x)(1 + x*sigma(-x)); d/dw_j = the j-th function at x",
    .kink = "f'(0) takes ReLU's 1[x > 0] (the left piece): w_id + w_tanh + w_elu + w_silu/2 "
            "against w_relu more on the right",
    .notes = "Sutfeld et al. blend a fixed set of activations with learned weights (one set per "
             "layer); the set here is identity, ReLU, tanh, ELU (alpha = 1) and Swish-1 = SiLU, as "
             "recalled from the paper. Their weight initialisation and the normalisations of the "
             "weights they compare are not verified from the primary source: activ starts all "
             "five weights at 1/5 (an even blend; no normalisation). With weights of both signs "
             "the terms can cancel; the sum is formed with error-free products, but near the "
             "zeros of f and f' the error is relative to the size of the terms (the rounding of "
             "tanh, e^x - 1 and SiLU).",
    .reference = "L. R. Sutfeld, F. Brieger, H. Finger, S. Fullhase, G. Pipa, 2018, Adaptive blending "
                 "units: trainable activation functions for deep neural networks",
    .nparams = 5,
    .params = {ABU_W("w_id", "weight of the identity"), ABU_W("w_relu", "weight of ReLU"),
               ABU_W("w_tanh", "weight of tanh"), ABU_W("w_elu", "weight of ELU (alpha = 1)"),
               ABU_W("w_silu", "weight of SiLU (Swish-1)")},
    .f = abu_f,
    .df = abu_df,
    .dp = abu_dp,
    .bound = {1, 1e-12, 1, 1e-12, 1, 0,
              "with weights of both signs f and f' have zeros where the blended terms cancel; "
              "there the error is that of the terms (2^-52 times sum_j |w_j g_j(x)|, below 1e-12 "
              "for |x| <= 20 and weights up to 4), not relative to f"},
};
