/*
 * Miscellaneous family (survey section 7, Table 2.5 of the reference):
 * the softplus family, GELU and its approximations, Mish, probabilistic
 * units, polynomial and rational units, hard approximations, softmax and
 * the gated (GLU) family.
 *
 * Accuracy notes shared by several entries:
 *  - Where f' has a root (the minima of Mish, GELU, GELU-tanh, quick GELU and
 *    SiLU), the textbook f' is a sum of two terms that cancel.  Within 2^-4
 *    of the root f' is taken from its Taylor series about the root instead
 *    (12 terms, computed from the definition in 120-digit arithmetic), so
 *    f' keeps full relative accuracy right down to the root.
 *  - The rational units (PAU, RAF) evaluate their polynomials in
 *    double-double arithmetic: P (and f' = (P'Q - PQ')/Q^2) have real roots
 *    wherever the coefficients put them, and plain Horner loses relative
 *    accuracy there.  Beyond |x| = 2^60 they switch to the form in 1/x that
 *    cannot overflow.
 *
 * Kink convention, as in relu.c: masks are 1[x > c] (the left piece's
 * derivative at the kink), matching PyTorch.
 */
#include "entry.h"

/* ---- small helpers ------------------------------------------------------- */

static double sgn(double v)
{
    return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0);
}

/* f'(x) = sum_{k=1..n} c[k-1] d^k with d = x - (rhi + rlo): the Taylor series
   of f' about its root.  x - rhi is exact (Sterbenz) this close to the root. */
#define ROOT_RADIUS 0x1p-4
static double root_series(double x, double rhi, double rlo, const double *c, int n)
{
    double d = (x - rhi) - rlo;
    double s = c[n - 1];
    for (int k = n - 2; k >= 0; k--) s = s * d + c[k];
    return s * d;
}
static int near_root(double x, double rhi)
{
    return fabs(x - rhi) < ROOT_RADIUS;
}

/* ---- double-double arithmetic (rational units, GELU-tanh, quick GELU) ---- */

typedef struct {
    double hi, lo;
} dd;

static dd dd_fast_two_sum(double a, double b)
{
    double s = a + b;
    return (dd){s, b - (s - a)};
}
static dd dd_two_sum(double a, double b)
{
    double s = a + b, bb = s - a;
    return (dd){s, (a - (s - bb)) + (b - bb)};
}
static dd dd_from(double a)
{
    return (dd){a, 0.0};
}
static dd dd_add(dd a, dd b)
{
    dd s = dd_two_sum(a.hi, b.hi);
    s.lo += a.lo + b.lo;
    return dd_fast_two_sum(s.hi, s.lo);
}
static dd dd_neg(dd a)
{
    return (dd){-a.hi, -a.lo};
}
static dd dd_mul(dd a, dd b)
{
    double p = a.hi * b.hi;
    double e = fma(a.hi, b.hi, -p);
    e += a.hi * b.lo + a.lo * b.hi;
    return dd_fast_two_sum(p, e);
}
static dd dd_mul_d(dd a, double b)
{
    double p = a.hi * b;
    double e = fma(a.hi, b, -p);
    e += a.lo * b;
    return dd_fast_two_sum(p, e);
}
/* k*c exactly (k a small integer). */
static dd dd_kc(double k, double c)
{
    double p = k * c;
    return (dd){p, fma(k, c, -p)};
}
static double dd_val(dd a)
{
    return a.hi + a.lo;
}
/* sum_{j=0..n} c[j] t^j by Horner in double-double (c[j] dd). */
static dd dd_horner(const dd *c, int n, double t)
{
    dd acc = c[n];
    for (int j = n - 1; j >= 0; j--) acc = dd_add(dd_mul_d(acc, t), c[j]);
    return acc;
}
/* The same in plain double (for the scaled forms far from the roots). */
static double horner(const double *c, int n, double t)
{
    double acc = c[n];
    for (int j = n - 1; j >= 0; j--) acc = acc * t + c[j];
    return acc;
}

#define RAT_BIG 0x1p60 /* beyond this |x| the rational units use powers of 1/x */

/* ===================================================================== */
/* Softplus                                                               */
/* ===================================================================== */
static double softplus_f(double x, const double *p)
{
    double b = p[0], z = b * x;
    return (x > 0 ? x : 0.0) + log1p(exp(-fabs(z))) / b;
}
static double softplus_df(double x, const double *p)
{
    return ax_sigmoid(p[0] * x);
}
static void softplus_dp(double x, const double *p, double *g)
{
    /* d/dbeta [sp(bx)/b] = (z sigma(z) - sp(z)) / b^2 = -(|z| sigma(-|z|) + sp(-|z|)) / b^2:
       both terms have one sign, so no cancellation. */
    double b = p[0], a = fabs(b * x);
    double t = ax_mul0(a, ax_sigmoid(-a)) + log1p(exp(-a));
    g[0] = -t / b / b;
}
static double softplus_dy(double y, const double *p)
{
    return -expm1(-p[0] * y); /* sigma(bx) = 1 - e^{-b y} */
}
const activ_entry activ_entry_softplus = {
    .name = "softplus",
    .title = "Softplus",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Softplus", NULL}, {"keras", "softplus", NULL}, {"onnx", "Softplus", NULL},
                {"dnnl", "eltwise_soft_relu", NULL}, {"ggml", "softplus", NULL}, {"tf", "softplus", NULL}},
    .formula = "ln(1 + e^(beta*x)) / beta",
    .derivative = "sigma(beta*x); d/dbeta = (x sigma(beta x) - softplus(beta x)/beta) / beta",
    .notes = "Computed without a cut-off for every input, as max(x,0) + log1p(e^-|beta x|)/beta. "
             "PyTorch (threshold=20) and ggml (20) return x itself once beta*x exceeds a threshold, "
             "TensorFlow once x exceeds about 13.9 in float. activ has no threshold parameter: a finite "
             "threshold t makes f jump by log1p(e^-t)/beta at x = t/beta (and f' from 1 - e^-t to 1), "
             "breaking C1 smoothness and the y-backward f' = 1 - e^(-beta y). With t = 20 the jump is "
             "below 2.1e-9/beta (relative 1e-10), so PyTorch's float results agree with these to "
             "rounding; TensorFlow's float cut-off can differ by about one ULP. oneDNN's soft_relu takes "
             "beta as alpha. beta = 1 is the original (Dugas et al.) function; beta > 0 is PyTorch's "
             "generalisation.",
    .reference = "C. Dugas, Y. Bengio, F. Belisle, C. Nadeau, R. Garcia, 2001, Incorporating second-order "
                 "functional knowledge for better option pricing",
    .nparams = 1,
    .params = {{"beta", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR,
                "sharpness (PyTorch beta, oneDNN alpha); fixed"}},
    .f = softplus_f,
    .df = softplus_df,
    .dp = softplus_dp,
    .df_from_y = softplus_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* ===================================================================== */
/* SLU: softplus linear unit                                              */
/* ===================================================================== */
/* p = {alpha, beta}; gamma = beta ln 2 is implied (continuity at 0). */
static double slu_neg(double x)
{
    return log1p(expm1(x) * 0.5); /* softplus(x) - ln 2 without cancellation near 0 */
}
static double slu_f(double x, const double *p)
{
    return x > 0 ? p[0] * x : p[1] * slu_neg(x);
}
static double slu_df(double x, const double *p)
{
    return x > 0 ? p[0] : p[1] * ax_sigmoid(x);
}
static void slu_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = x > 0 ? x : 0.0;
    g[1] = x > 0 ? 0.0 : slu_neg(x);
}
static double slu_dy(double y, const double *p)
{
    /* y <= 0 comes from x <= 0: beta sigma(x) with softplus(x) = y/beta + ln 2. */
    return y > 0 ? p[0] : p[1] * (1.0 - 0.5 * exp(-y / p[1]));
}
const activ_entry activ_entry_slu = {
    .name = "slu",
    .title = "SLU (softplus linear unit)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "softplus_linear_unit", NULL}},
    .formula = "alpha*x for x > 0; beta*(ln(1 + e^x) - ln 2) for x <= 0",
    .derivative = "alpha for x > 0, beta*sigma(x) otherwise; d/dalpha = x for x > 0; "
                  "d/dbeta = ln(1 + e^x) - ln 2 for x <= 0",
    .kink = "f'(0) = beta/2 (the left piece); no kink when beta = 2 alpha",
    .notes = "The paper's general form is alpha*x for x >= 0 and beta*softplus(x) - gamma for x < 0. "
             "activ ties gamma = beta ln 2, the only value that keeps f continuous at 0 (any other gamma "
             "makes f jump); beta = 2 alpha also makes f C1, which is the original's choice (alpha = 1, "
             "beta = 2, gamma = 2 ln 2): the paper fixes the positive part and sets the negative part's "
             "parameters from it. The defaults "
             "follow the reference survey and the paper's abstract; the exact values are not verified "
             "from the primary text. beta is marked trainable as the paper gives update rules for the "
             "negative component.",
    .reference = "H. Zhao, F. Liu, L. Li, C. Luo, 2018, A novel softplus linear unit for deep convolutional "
                 "neural networks",
    .nparams = 2,
    .params = {{"alpha", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR,
                "slope of the positive part (fixed in the original)"},
               {"beta", 2.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_TRAINABLE,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "scale of the softplus negative part (gamma = beta ln 2 follows)"}},
    .f = slu_f,
    .df = slu_df,
    .dp = slu_dp,
    .df_from_y = slu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* ===================================================================== */
/* RSP: rand softplus (stochastic)                                        */
/* ===================================================================== */
/* p = {rho (random), lower, upper} */
static double rsp_f(double x, const double *p)
{
    double r = p[0];
    /* (1-rho) relu(x) + rho softplus(x) = x + rho softplus(-x) for x > 0 */
    return x > 0 ? x + r * log1p(exp(-x)) : r * log1p(exp(x));
}
static double rsp_df(double x, const double *p)
{
    double r = p[0];
    return x > 0 ? 1.0 - r * ax_sigmoid(-x) : r * ax_sigmoid(x);
}
static void rsp_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = log1p(exp(-fabs(x))); /* softplus(x) - relu(x) */
    g[1] = 0.0;
    g[2] = 0.0;
}
static double rsp_dy(double y, const double *p)
{
    double r = p[0];
    double y0 = rsp_f(0.0, p); /* rho ln 2, rounded as f rounds it */
    if (y <= y0) {
        if (r == 0) return 0.0;
        return -r * expm1(-y / r); /* x <= 0: rho sigma(x), softplus(x) = y/rho */
    }
    if (isinf(y)) return 1.0;
    /* x > 0: solve x + rho softplus(-x) = y (g' = 1 - rho sigma(-x) >= 1/2) by Newton. */
    double x = y - r * log1p(exp(-y));
    for (int i = 0; i < 6; i++) {
        double gx = x + r * log1p(exp(-x)) - y;
        double d = 1.0 - r * ax_sigmoid(-x);
        double nx = x - gx / d;
        if (nx == x) break;
        x = nx;
    }
    return 1.0 - r * ax_sigmoid(-x);
}
static double rsp_draw(const double *p, double u, double z)
{
    (void)z;
    return p[1] + u * (p[2] - p[1]);
}
static double rsp_expect(const double *p)
{
    return 0.5 * (p[1] + p[2]);
}
const activ_entry activ_entry_rsp = {
    .name = "rsp",
    .title = "RSP (rand softplus)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_STOCHASTIC,
    .aliases = {{"", "rand_softplus", NULL}},
    .formula = "(1 - rho)*max(0, x) + rho*ln(1 + e^x), rho random in [lower, upper]",
    .derivative = "(1 - rho)*1[x > 0] + rho*sigma(x); d/drho = ln(1 + e^x) - max(0, x)",
    .kink = "f'(0) = rho/2 (the left piece); smooth for rho = 1",
    .notes = "A convex mix of ReLU and softplus. In the original the scale factor (eta there) models "
             "the stochasticity of biological neurons and is computed from the input data's noise "
             "level; activ treats it as a random parameter drawn per element from U[lower, upper] in "
             "training and set to its mean (lower + upper)/2 in evaluation. The distribution and the "
             "default [0, 1] are activ's choice, not verified from the primary source. The y-backward "
             "inverts f by Newton's method for x > 0.",
    .reference = "Chen et al., 2019, Improving the antinoise ability of DNNs via a bio-inspired noise "
                 "adaptive activation function rand softplus",
    .nparams = 3,
    .params = {{"rho", 0.5, 0.0, 1.0, ACTIV_P_RANDOM, ACTIV_SHARE_UNIT,
                "mixing weight of softplus (drawn per element in training)"},
               {"lower", 0.0, 0.0, 1.0, 0, ACTIV_SHARE_SCALAR, "lower end of rho's distribution"},
               {"upper", 1.0, 0.0, 1.0, 0, ACTIV_SHARE_SCALAR, "upper end of rho's distribution"}},
    .f = rsp_f,
    .df = rsp_df,
    .dp = rsp_dp,
    .df_from_y = rsp_dy,
    .bound = ACTIV_BOUND_1ULP,
    .draw = rsp_draw,
    .expect = rsp_expect,
};

/* ===================================================================== */
/* Mish                                                                   */
/* ===================================================================== */
/* omega = tanh(softplus(x)) = n/(n+2) with n = e^x (e^x + 2); 1 - omega^2 = 4(n+1)/(n+2)^2. */
static void mish_parts(double x, double *w, double *omw2)
{
    if (x > 30) { /* 2/(n+2) < 2^-80: omega rounds to 1 */
        *w = 1.0;
        *omw2 = 4.0 * exp(-2.0 * x);
        return;
    }
    double e = exp(x);
    double n = e * (e + 2.0);
    double n2 = n + 2.0;
    *w = n / n2;
    *omw2 = 4.0 * (n + 1.0) / n2 / n2;
}
static double mish_f(double x, const double *p)
{
    (void)p;
    double w, o;
    mish_parts(x, &w, &o);
    return ax_mul0(x, w);
}
static const double mish_root[2] = {-1.1924312145154952, -4.8484829848031044e-17};
static const double mish_c[12] = {
    0.2669479140495345, 0.20473126408010586, 0.04190782104360987, -0.020271822716684245,
    -0.01582112656173338, -0.0033606849270232685, 0.0010924055409445854, 0.0009898181021289196,
    0.00025412936386191073, -4.1961496031696126e-05, -5.582891567360688e-05, -1.72992708103044e-05};
static double mish_df(double x, const double *p)
{
    (void)p;
    if (near_root(x, mish_root[0])) return root_series(x, mish_root[0], mish_root[1], mish_c, 12);
    double w, o;
    mish_parts(x, &w, &o);
    return w + ax_mul0(ax_mul0(x, ax_sigmoid(x)), o);
}
const activ_entry activ_entry_mish = {
    .name = "mish",
    .title = "Mish",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Mish", NULL}, {"keras", "mish", NULL}, {"onnx", "Mish", NULL},
                {"dnnl", "eltwise_mish", NULL}, {"darknet", "mish", NULL}},
    .formula = "x * tanh(ln(1 + e^x))",
    .derivative = "omega + x*sigma(x)*(1 - omega^2), omega = tanh(ln(1 + e^x))",
    .notes = "Computed as x*n/(n+2) with n = e^x(e^x + 2) (exact identity), which has no cancellation "
             "for very negative x and no overflow for large x (omega = 1 beyond x = 30). Near the "
             "minimum (x = -1.19243, f = -0.308843) f' comes from its Taylor series about the root so "
             "it keeps full relative accuracy. Not invertible, so there is no y-backward (darknet keeps "
             "the input for this reason).",
    .reference = "D. Misra, 2019, Mish: a self regularized non-monotonic neural activation function",
    .f = mish_f,
    .df = mish_df,
    .bound = ACTIV_BOUND_1ULP,
};

/* ===================================================================== */
/* GELU (erf) and its approximations                                     */
/* ===================================================================== */
/* z = -x/sqrt(2) carries a rounding error that erfc amplifies by 2z^2 in the left tail, and x^2
   one that exp amplifies by x^2/2: both are corrected to first order. */
#define SQRT1_2_HI 0.7071067811865476
#define SQRT1_2_LO -4.833646656726457e-17
static double gelu_phi(double x)
{
    double q = x * x;
    if (isinf(q)) return 0.0;
    return 0.39894228040143267794 * exp(-0.5 * q) * (1.0 - 0.5 * fma(x, x, -q));
}
static double gelu_Phi(double x)
{
    if (!(x < -2.0)) return ax_Phi(x); /* the error is not amplified here */
    if (x < -40.0) return 0.0;         /* below 1e-349 */
    double t = x * SQRT1_2_HI;
    double e = fma(x, SQRT1_2_HI, -t) + x * SQRT1_2_LO; /* -x/sqrt2 = -t - e */
    /* erfc(z + dz) = erfc(z) - dz (2/sqrt(pi)) e^{-z^2}, with (2/sqrt(pi)) e^{-z^2} = 2 sqrt(2) phi(x) */
    return 0.5 * erfc(-t) + 1.41421356237309504880 * e * gelu_phi(x);
}
static double gelu_f(double x, const double *p)
{
    (void)p;
    return ax_mul0(x, gelu_Phi(x));
}
static const double gelu_root[2] = {-0.7517915246935645, 1.4956759177009883e-17};
static const double gelu_c[12] = {
    0.4314939923140469, 0.388284982990552, -0.018199676398671087, -0.1140082332972217,
    -0.014771522148244337, 0.019421679838189067, 0.004539228379125415, -0.002239538068073497,
    -0.0007448268386746817, 0.00018633974623233514, 8.615947861116571e-05, -1.121438018842664e-05};
static double gelu_df(double x, const double *p)
{
    (void)p;
    if (near_root(x, gelu_root[0])) return root_series(x, gelu_root[0], gelu_root[1], gelu_c, 12);
    return gelu_Phi(x) + ax_mul0(x, gelu_phi(x));
}
const activ_entry activ_entry_gelu = {
    .name = "gelu",
    .title = "GELU",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "GELU", NULL}, {"keras", "gelu", NULL}, {"onnx", "Gelu", NULL},
                {"dnnl", "eltwise_gelu_erf", NULL}, {"ggml", "gelu_erf", NULL}, {"tf", "gelu", NULL}},
    .formula = "x * Phi(x) = x/2 * (1 + erf(x/sqrt(2)))",
    .derivative = "Phi(x) + x*phi(x)",
    .notes = "The exact (erf) form: the default of PyTorch (approximate='none'), Keras and TensorFlow "
             "(approximate=False), ONNX (approximate='none'), and what the survey's benchmark ran. The "
             "tanh approximation (approximate='tanh'/True) is gelu_tanh, x*sigma(1.702x) is quick_gelu. "
             "Phi is computed with erfc so the left tail keeps its relative accuracy; near the minimum "
             "(x = -0.751792, f = -0.169971) f' comes from its Taylor series about the root.",
    .reference = "D. Hendrycks, K. Gimpel, 2016, Gaussian error linear units (GELUs)",
    .f = gelu_f,
    .df = gelu_df,
    .bound = ACTIV_BOUND_1ULP,
};

/* tanh form: 1/2 x (1 + tanh u) = x sigma(2u), u = sqrt(2/pi) (x + 0.044715 x^3).  z = 2u is
   formed in double-double (for |x| <= 64; beyond, sigma(z) is 0 or 1) and sigma corrected to first
   order in its low part, since sigma(z) amplifies an error in z by |z| in the left tail. */
#define GT_C 0.79788456080286535588 /* sqrt(2/pi) */
#define GT_A 0.044715
static const dd gt_2c = {1.5957691216057308, -9.96930880911092e-17};
static const dd gt_a = {0.044715, 2.1960211427085595e-18};
static dd gelu_tanh_z(double x)
{
    if (!(fabs(x) <= 64)) return dd_from(2.0 * GT_C * x * (1.0 + GT_A * x * x));
    dd x3 = dd_mul_d(dd_mul_d(dd_from(x), x), x);
    return dd_mul(dd_add(dd_mul(x3, gt_a), dd_from(x)), gt_2c);
}
/* sigma(z) and sigma(-z) for z = z.hi + z.lo, to first order in z.lo */
static void sigmoid_dd(dd z, double *s, double *sm)
{
    double a = ax_sigmoid(z.hi), b = ax_sigmoid(-z.hi);
    *s = a * (1.0 + z.lo * b);
    *sm = b * (1.0 - z.lo * a);
}
static double gelu_tanh_f(double x, const double *p)
{
    (void)p;
    double s, sm;
    sigmoid_dd(gelu_tanh_z(x), &s, &sm);
    return ax_mul0(x, s);
}
static const double gelu_tanh_root[2] = {-0.7524614220710163, 3.635560509207687e-17};
static const double gelu_tanh_c[12] = {
    0.4304000910248585, 0.38751844613578895, -0.01578285352184803, -0.11394448308095899,
    -0.01661932834305256, 0.019682309459833118, 0.005261059254921912, -0.0024227318458750974,
    -0.0009274420230205449, 0.00026392764052681053, 0.00012425227802639782,
    -3.4956171694436116e-05};
static double gelu_tanh_df(double x, const double *p)
{
    (void)p;
    if (near_root(x, gelu_tanh_root[0]))
        return root_series(x, gelu_tanh_root[0], gelu_tanh_root[1], gelu_tanh_c, 12);
    double s, sm;
    sigmoid_dd(gelu_tanh_z(x), &s, &sm);
    double t = s * sm; /* sech^2(u)/4 */
    if (t == 0) return s;
    double du = GT_C * (1.0 + 3.0 * GT_A * x * x);
    return s + 2.0 * x * du * t;
}
const activ_entry activ_entry_gelu_tanh = {
    .name = "gelu_tanh",
    .title = "GELU (tanh approximation)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"dnnl", "eltwise_gelu_tanh", NULL}, {"dnnl", "eltwise_gelu", NULL}, {"ggml", "gelu", NULL},
                {"darknet", "gelu", NULL}, {"", "gelu_approximate", NULL}},
    .formula = "x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))",
    .derivative = "1/2 (1 + tanh u) + x/2 (1 - tanh^2 u) sqrt(2/pi) (1 + 3*0.044715 x^2), "
                  "u = sqrt(2/pi)(x + 0.044715 x^3)",
    .notes = "Hendrycks & Gimpel's tanh approximation, used by BERT and GPT-2; PyTorch "
             "GELU(approximate='tanh'), Keras/TF gelu(approximate=True), ONNX Gelu(approximate='tanh'). "
             "Its largest difference from the exact gelu is 4.7e-4 (near x = -2.70). Computed as "
             "x*sigma(2u), which equals x(1 + tanh u)/2 but does not cancel for x << 0. ggml's 'gelu' and "
             "darknet's 'gelu' are this function (ggml's f32 path looks it up in an fp16 table; darknet "
             "rounds the constants to 0.797885 and 0.035677, and its backward is applied to the output, "
             "a known bug); oneDNN's old 'eltwise_gelu' is also this one. Note that the plain name 'gelu' "
             "means the exact form in PyTorch, Keras, TF and activ.",
    .reference = "D. Hendrycks, K. Gimpel, 2016, Gaussian error linear units (GELUs)",
    .f = gelu_tanh_f,
    .df = gelu_tanh_df,
    .bound = ACTIV_BOUND_1ULP,
};

/* x sigma(kx), k = 1.702: kx in double-double (k = 1.702 is not a double), sigma corrected to
   first order as in gelu_tanh. */
#define QG_K 1.702
#define QG_K_LO 4.263256414560601e-17
static dd quick_gelu_z(double x)
{
    double h = QG_K * x;
    if (!(fabs(x) <= 1000)) return dd_from(h);
    return (dd){h, fma(x, QG_K, -h) + x * QG_K_LO};
}
static double quick_gelu_f(double x, const double *p)
{
    (void)p;
    double s, sm;
    sigmoid_dd(quick_gelu_z(x), &s, &sm);
    return ax_mul0(x, s);
}
static const double quick_gelu_root[2] = {-0.751154255441289, 4.696480973567411e-17};
static const double quick_gelu_c[12] = {
    0.37071552313509976, 0.42481282173594376, 0.09305963675729156, -0.12774050660220324,
    -0.09435720712886152, 0.0030781165417904928, 0.03303723646444789, 0.013076914672399518,
    -0.004902482293216737, -0.006065159245559205, -0.0010216239140244923, 0.0013862711067491773};
static double quick_gelu_df(double x, const double *p)
{
    (void)p;
    if (near_root(x, quick_gelu_root[0]))
        return root_series(x, quick_gelu_root[0], quick_gelu_root[1], quick_gelu_c, 12);
    dd z = quick_gelu_z(x);
    double s, sm;
    sigmoid_dd(z, &s, &sm);
    return s == 0 ? 0.0 : s * (1.0 + ax_mul0(z.hi, sm));
}
const activ_entry activ_entry_quick_gelu = {
    .name = "quick_gelu",
    .title = "Quick GELU (sigmoid approximation)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"ggml", "gelu_quick", NULL}, {"", "gelu_sigmoid", NULL}},
    .formula = "x * sigma(1.702 x)",
    .derivative = "sigma(1.702x) * (1 + 1.702x * sigma(-1.702x))",
    .notes = "The sigmoid approximation from the GELU paper, used by OpenAI CLIP ('QuickGELU'); ggml "
             "gelu_quick (which uses the float constant 1.702f and an fp16 table). oneDNN reaches it "
             "as eltwise_swish with alpha = 1.702. Largest difference from the exact gelu: 2.0e-2 (near "
             "x = 2.27).",
    .reference = "D. Hendrycks, K. Gimpel, 2016, Gaussian error linear units (GELUs)",
    .f = quick_gelu_f,
    .df = quick_gelu_df,
    .bound = ACTIV_BOUND_1ULP,
};

/* SGELU: alpha x erf(x/sqrt 2) */
static double sgelu_f(double x, const double *p)
{
    return p[0] * x * erf(x * 0.70710678118654752440);
}
static double sgelu_df(double x, const double *p)
{
    /* erf(x/sqrt2) + x sqrt(2/pi) e^{-x^2/2}: both terms have the sign of x. */
    return p[0] * (erf(x * 0.70710678118654752440) + 2.0 * ax_mul0(x, ax_phi(x)));
}
static void sgelu_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = x * erf(x * 0.70710678118654752440);
}
const activ_entry activ_entry_sgelu = {
    .name = "sgelu",
    .title = "SGELU (symmetrical GELU)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "alpha * x * erf(x/sqrt(2))",
    .derivative = "alpha*(erf(x/sqrt(2)) + x*sqrt(2/pi)*e^(-x^2/2)); d/dalpha = x*erf(x/sqrt(2))",
    .notes = "Even, non-negative, minimum 0 at x = 0. alpha = 0.1 is the value reported for the "
             "paper's MNIST classification network (from a secondary summary; not verified from the "
             "primary text); alpha is a fixed hyper-parameter. Some summaries garble the formula as "
             "x*Phi(alpha x), which is not symmetric.",
    .reference = "C. Yu, Z. Su, 2019, Symmetrical Gaussian error linear units (SGELUs)",
    .nparams = 1,
    .params = {{"alpha", 0.1, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR, "output scale (fixed)"}},
    .f = sgelu_f,
    .df = sgelu_df,
    .dp = sgelu_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ===================================================================== */
/* ProbAct (stochastic)                                                   */
/* ===================================================================== */
/* p = {s (trainable), eps (random)} */
static double probact_f(double x, const double *p)
{
    return (x > 0 ? x : 0.0) + p[0] * p[1];
}
static double probact_df(double x, const double *p)
{
    (void)p;
    return x > 0 ? 1.0 : 0.0;
}
static void probact_dp(double x, const double *p, double *g)
{
    (void)x;
    g[0] = p[1];
    g[1] = p[0];
}
static double probact_dy(double y, const double *p)
{
    return y > p[0] * p[1] ? 1.0 : 0.0;
}
static double probact_draw(const double *p, double u, double z)
{
    (void)p;
    (void)u;
    return z;
}
static double probact_expect(const double *p)
{
    (void)p;
    return 0.0;
}
const activ_entry activ_entry_probact = {
    .name = "probact",
    .title = "ProbAct (probabilistic activation)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_STOCHASTIC,
    .formula = "max(0, x) + s*eps, eps ~ N(0, 1) per element in training, eps = 0 in evaluation",
    .derivative = "1[x > 0]; d/ds = eps; d/deps = s",
    .kink = "f'(0) = 0 (PyTorch's ReLU convention)",
    .notes = "The output is sampled from N(relu(x), s^2). The paper has a fixed-s variant (its code "
             "tries s = 0.05 ... 0.3) and a trainable one; the authors' code initialises the trainable s "
             "to 0 (one scalar for the whole network), which is the default here, so the unit starts as "
             "ReLU. The authors' module has no evaluation switch (it adds noise in every call); activ "
             "uses eps = 0 in evaluation, the mean of the distribution.",
    .reference = "J. Lee, K. Shridhar, H. Hayashi, B. K. Iwana, S. Kang, S. Uchida, 2019, ProbAct: a "
                 "probabilistic activation function for deep neural networks",
    .nparams = 2,
    .params = {{"s", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY,
                "noise scale (its sign is immaterial)"},
               {"eps", 0.0, -INFINITY, INFINITY, ACTIV_P_RANDOM, ACTIV_SHARE_UNIT,
                "standard normal draw (0 in evaluation)"}},
    .f = probact_f,
    .df = probact_df,
    .dp = probact_dp,
    .df_from_y = probact_dy,
    .bound = ACTIV_BOUND_1ULP,
    .draw = probact_draw,
    .expect = probact_expect,
};

/* ===================================================================== */
/* RePU                                                                    */
/* ===================================================================== */
static double repu_f(double x, const double *p)
{
    return x > 0 ? pow(x, p[0]) : 0.0;
}
static double repu_df(double x, const double *p)
{
    return x > 0 ? p[0] * pow(x, p[0] - 1.0) : 0.0;
}
static void repu_dp(double x, const double *p, double *g)
{
    g[0] = x > 0 ? ax_mul0(pow(x, p[0]), log(x)) : 0.0;
}
static double repu_dy(double y, const double *p)
{
    double s = p[0];
    return y > 0 ? s * pow(y, 1.0 - 1.0 / s) : 0.0;
}
const activ_entry activ_entry_repu = {
    .name = "repu",
    .title = "RePU (rectified power unit)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x^s for x > 0; 0 otherwise",
    .derivative = "s*x^(s-1) for x > 0, 0 otherwise; d/ds = x^s ln x for x > 0",
    .kink = "f'(0) = 0; a kink only for s = 1 (ReLU)",
    .notes = "s = 2 (rectified quadratic unit) is the usual choice; the original uses integer s >= 2 "
             "to represent polynomials exactly. Real s >= 1 is accepted (s < 1 would make f' infinite "
             "at 0+). f is C^(s-1) at 0 for integer s.",
    .reference = "B. Li, S. Tang, H. Yu, 2019, Better approximations of high dimensional smooth functions by "
                 "deep neural networks with rectified power units",
    .nparams = 1,
    .params = {{"s", 2.0, 1.0, INFINITY, 0, ACTIV_SHARE_SCALAR, "power (fixed)"}},
    .f = repu_f,
    .df = repu_df,
    .dp = repu_dp,
    .df_from_y = repu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* ===================================================================== */
/* PAU: Pade activation unit, m = 5, n = 4                                */
/* ===================================================================== */
/* p = {a0..a5, b1..b4}. ver 'A': Q = 1 + sum |b_k| |x|^k; ver 'B': Q = 1 + |sum b_k x^k|. */
typedef struct {
    double f, df;   /* f and f' */
    double inv;     /* 1/Q, or 1/(Q/x^4) when scaled */
    double ratio;   /* f/x when scaled */
    int scaled;     /* 1 if computed in powers of u = 1/x */
    double sgnR;    /* version B: sign of sum b_k x^k */
} pau_res;

static pau_res pau_eval(double x, const double *p, int ver, int want_df)
{
    const double *a = p, *b = p + 6;
    pau_res r = {0, 0, 0, 0, 0, 0};
    if (fabs(x) <= RAT_BIG) {
        dd ca[6], cda[5];
        for (int j = 0; j < 6; j++) ca[j] = dd_from(a[j]);
        for (int j = 1; j < 6; j++) cda[j - 1] = dd_kc((double)j, a[j]);
        dd P = dd_horner(ca, 5, x);
        dd Q, dQ = dd_from(0.0);
        if (ver == 'A') {
            double X = fabs(x);
            dd cb[5], cdb[4];
            cb[0] = dd_from(1.0);
            for (int k = 1; k <= 4; k++) cb[k] = dd_from(fabs(b[k - 1]));
            Q = dd_horner(cb, 4, X);
            if (want_df) {
                for (int k = 1; k <= 4; k++) cdb[k - 1] = dd_kc((double)k, fabs(b[k - 1]));
                dQ = dd_mul_d(dd_horner(cdb, 3, X), sgn(x));
            }
        } else {
            /* R = x S with S = b1 + b2 x + b3 x^2 + b4 x^3: the sign from S survives when R underflows */
            dd cb[4], cdb[4];
            for (int k = 1; k <= 4; k++) cb[k - 1] = dd_from(b[k - 1]);
            dd S = dd_horner(cb, 3, x);
            dd R = dd_mul_d(S, x);
            r.sgnR = sgn(x) * sgn(S.hi);
            Q = dd_add(dd_from(1.0), r.sgnR < 0 ? dd_neg(R) : R);
            if (want_df) {
                for (int k = 1; k <= 4; k++) cdb[k - 1] = dd_kc((double)k, b[k - 1]);
                dQ = dd_mul_d(dd_horner(cdb, 3, x), r.sgnR);
            }
        }
        double q = dd_val(Q);
        r.f = dd_val(P) / q;
        r.inv = 1.0 / q;
        if (want_df) {
            dd dP = dd_horner(cda, 4, x);
            dd N = dd_add(dd_mul(dP, Q), dd_neg(dd_mul(P, dQ)));
            r.df = dd_val(N) / q / q;
        }
        return r;
    }
    /* |x| > 2^60: divide P by x^5 and Q by x^4; u = 1/x. */
    double u = 1.0 / x, t = fabs(u);
    double ra[6], rda[5];
    for (int j = 0; j < 6; j++) ra[j] = a[5 - j];                       /* a5 + a4 u + ... */
    for (int j = 0; j < 5; j++) rda[j] = (double)(5 - j) * a[5 - j];   /* 5a5 + 4a4 u + ... */
    double Pt = horner(ra, 5, u), dPt = horner(rda, 4, u);
    double Qt, dQt;
    if (ver == 'A') {
        double rb[5] = {fabs(b[3]), fabs(b[2]), fabs(b[1]), fabs(b[0]), 1.0};
        double rdb[4] = {4 * fabs(b[3]), 3 * fabs(b[2]), 2 * fabs(b[1]), fabs(b[0])};
        Qt = horner(rb, 4, t);
        dQt = horner(rdb, 3, t); /* Q'/x^3 */
    } else {
        double rb[4] = {b[3], b[2], b[1], b[0]};
        double rdb[4] = {4 * b[3], 3 * b[2], 2 * b[1], b[0]};
        double Rt = horner(rb, 3, u);
        r.sgnR = sgn(Rt);
        double u2 = u * u;
        Qt = u2 * u2 + fabs(Rt);
        dQt = r.sgnR * horner(rdb, 3, u); /* Q'/x^3 */
    }
    double ratio = Pt / Qt; /* f / x */
    r.f = ax_mul0(x, ratio);
    r.df = (dPt - ratio * dQt) / Qt;
    r.inv = 1.0 / Qt;
    r.ratio = ratio;
    r.scaled = 1;
    return r;
}
static void pau_grad(double x, const double *p, double *g, int ver)
{
    const double *b = p + 6;
    pau_res r = pau_eval(x, p, ver, 0);
    if (!r.scaled) {
        /* d/da_j = x^j / Q; d/db_k = -(f/Q) * (A: |x|^k sign(b_k); B: x^k sign(R)) */
        double xj = 1.0;
        for (int j = 0; j < 6; j++, xj *= x) g[j] = xj * r.inv;
        double fq = r.f * r.inv;
        double X = ver == 'A' ? fabs(x) : x, xk = X;
        for (int k = 1; k <= 4; k++, xk *= X) {
            double s = ver == 'A' ? sgn(b[k - 1]) : r.sgnR;
            g[5 + k] = -fq * xk * s;
        }
        return;
    }
    /* scaled: x^j/Q = u^(4-j)/Qt (j <= 4), x/Qt (j = 5).  d/db_k = -(f/x) (x X^k/x^4) s/Qt with
       x X^k/x^4 = x for k = 4 and, for m = 4-k >= 1, sign(x)|u|^(m-1) (A) or u^(m-1) (B); written with
       f/x so that it stays finite where f itself overflows. */
    double u = 1.0 / x;
    double uj = 1.0;
    for (int j = 4; j >= 0; j--, uj *= u) g[j] = uj * r.inv;
    g[5] = x * r.inv;
    double U = ver == 'A' ? fabs(u) : u;
    double w = ver == 'A' ? sgn(x) : 1.0; /* m = 1 */
    for (int k = 3; k >= 1; k--, w *= U) {
        double s = ver == 'A' ? sgn(b[k - 1]) : r.sgnR;
        g[5 + k] = -r.ratio * w * r.inv * s;
    }
    g[9] = -(ver == 'A' ? sgn(b[3]) : r.sgnR) * ax_mul0(x, r.ratio * r.inv);
}
static double pau_f(double x, const double *p)
{
    return pau_eval(x, p, 'A', 0).f;
}
static double pau_df(double x, const double *p)
{
    return pau_eval(x, p, 'A', 1).df;
}
static void pau_dp(double x, const double *p, double *g)
{
    pau_grad(x, p, g, 'A');
}
static double pau_b_f(double x, const double *p)
{
    return pau_eval(x, p, 'B', 0).f;
}
static double pau_b_df(double x, const double *p)
{
    return pau_eval(x, p, 'B', 1).df;
}
static void pau_b_dp(double x, const double *p, double *g)
{
    pau_grad(x, p, g, 'B');
}

#define PAU_SHARE (ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL)
#define RAT_COEF(name, value, doc) {name, value, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, PAU_SHARE, doc}
#define PAU_PARAMS \
    {RAT_COEF("a0", 0.0335583603, "numerator coefficient of x^0"), \
     RAT_COEF("a1", 0.505000375, "numerator coefficient of x^1"), \
     RAT_COEF("a2", 1.65343934, "numerator coefficient of x^2"), \
     RAT_COEF("a3", 2.01001052, "numerator coefficient of x^3"), \
     RAT_COEF("a4", 0.931901999, "numerator coefficient of x^4"), \
     RAT_COEF("a5", 0.152424124, "numerator coefficient of x^5"), \
     RAT_COEF("b1", 3.30847488e-6, "denominator coefficient of x^1"), \
     RAT_COEF("b2", 3.98021568, "denominator coefficient of x^2"), \
     RAT_COEF("b3", 5.12471206e-7, "denominator coefficient of x^3"), \
     RAT_COEF("b4", 0.301830109, "denominator coefficient of x^4")}

const activ_entry activ_entry_pau = {
    .name = "pau",
    .title = "PAU (Pade activation unit, safe version A)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "pade", NULL}, {"", "pau_a", NULL}},
    .formula = "(a0 + a1 x + ... + a5 x^5) / (1 + |b1||x| + |b2||x|^2 + |b3||x|^3 + |b4||x|^4)",
    .derivative = "(P' - f Q')/Q with Q' = sign(x) sum k|b_k||x|^(k-1); d/da_j = x^j/Q; "
                  "d/db_k = -(f/Q) |x|^k sign(b_k)",
    .kink = "at x = 0 (from |x|) unless b1 = 0: f'(0) = a1, the mean of the one-sided a1 -+ a0|b1| "
            "(sign(0) = 0, as the pau package's torch.sign)",
    .notes = "Orders m = 5, n = 4 (10 trainable coefficients, shared per layer in the paper). This is "
             "the 'safe' denominator of the pau package's CUDA kernel that the survey's CIFAR benchmark "
             "ran (version A): Q >= 1, so there are no poles. Defaults: the package's "
             "'pade_optimized_leakyrelu' initialisation (a rational fit to leaky ReLU: f(0) = 0.034, "
             "f(1) = 1.00, f(-3) = -0.040, f -> 0.505 x as |x| -> inf); not monotone (it dips by ~1e-3 "
             "on [-2.18, -0.23]). The denominator 1 + |sum b_k x^k| (the form printed in the paper, per "
             "secondary sources, and used by the survey's translation and speech notebooks with all "
             "coefficients initialised to 1) is pau_b. Evaluated in double-double arithmetic so f and "
             "f' keep their relative accuracy near their roots.",
    .reference = "A. Molina, P. Schramowski, K. Kersting, 2020, Pade activation units: end-to-end learning "
                 "of flexible activation functions in deep networks",
    .nparams = 10,
    .params = PAU_PARAMS,
    .f = pau_f,
    .df = pau_df,
    .dp = pau_dp,
    .bound = ACTIV_BOUND_1ULP,
};

const activ_entry activ_entry_pau_b = {
    .name = "pau_b",
    .title = "PAU (Pade activation unit, safe version B)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "(a0 + a1 x + ... + a5 x^5) / (1 + |b1 x + b2 x^2 + b3 x^3 + b4 x^4|)",
    .derivative = "(P' - f Q')/Q with Q' = sign(R) R', R = sum b_k x^k; d/da_j = x^j/Q; "
                  "d/db_k = -(f/Q) sign(R) x^k",
    .kink = "where R = sum b_k x^k changes sign (always at x = 0 unless b1 = 0): f' there is P'/Q "
            "(sign(0) = 0), the mean of the one-sided values",
    .notes = "The other 'safe' PAU: the absolute value of the whole sum rather than of each term. It "
             "appears to be the form printed in the PAU paper (per secondary sources; not verified "
             "from the primary text) and is what the survey's translation and speech notebooks and the "
             "ChristophReich1996 re-implementation compute. Q >= 1, no poles. The notebooks initialise "
             "all ten coefficients to 1 (f(0) = 1, f(-1) = 0, f(1) = 1.2); activ's defaults are the "
             "same leaky-ReLU fit as pau (with these b's the two versions differ only for "
             "|x| < 1e-6), and the all-ones start is reachable by setting the parameters. "
             "Double-double evaluation as in pau.",
    .reference = "A. Molina, P. Schramowski, K. Kersting, 2020, Pade activation units: end-to-end learning "
                 "of flexible activation functions in deep networks",
    .nparams = 10,
    .params = PAU_PARAMS,
    .f = pau_b_f,
    .df = pau_b_df,
    .dp = pau_b_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ===================================================================== */
/* RAF: rational activation of type (3,2)                                 */
/* ===================================================================== */
/* p = {p0, p1, p2, p3, q0, q1, q2}: f = (p0 + p1 x + p2 x^2 + p3 x^3)/(q0 + q1 x + q2 x^2) */
typedef struct {
    double f, df, inv, ratio;
    int scaled;
} raf_res;
static raf_res raf_eval(double x, const double *p, int want_df)
{
    const double *a = p, *b = p + 4;
    raf_res r = {0, 0, 0, 0, 0};
    if (fabs(x) <= RAT_BIG) {
        dd ca[4] = {dd_from(a[0]), dd_from(a[1]), dd_from(a[2]), dd_from(a[3])};
        dd cb[3] = {dd_from(b[0]), dd_from(b[1]), dd_from(b[2])};
        dd P = dd_horner(ca, 3, x), Q = dd_horner(cb, 2, x);
        double q = dd_val(Q);
        r.f = dd_val(P) / q;
        r.inv = 1.0 / q;
        if (want_df) {
            dd cda[3] = {dd_from(a[1]), dd_kc(2.0, a[2]), dd_kc(3.0, a[3])};
            dd cdb[2] = {dd_from(b[1]), dd_kc(2.0, b[2])};
            dd dP = dd_horner(cda, 2, x), dQ = dd_horner(cdb, 1, x);
            dd N = dd_add(dd_mul(dP, Q), dd_neg(dd_mul(P, dQ)));
            r.df = dd_val(N) / q / q;
        }
        return r;
    }
    double u = 1.0 / x;
    double ra[4] = {a[3], a[2], a[1], a[0]}, rda[3] = {3 * a[3], 2 * a[2], a[1]};
    double rb[3] = {b[2], b[1], b[0]}, rdb[2] = {2 * b[2], b[1]};
    double Pt = horner(ra, 3, u), Qt = horner(rb, 2, u); /* P/x^3, Q/x^2 */
    double ratio = Pt / Qt;                              /* f/x */
    r.f = ax_mul0(x, ratio);
    r.df = (horner(rda, 2, u) - ratio * horner(rdb, 1, u)) / Qt;
    r.inv = 1.0 / Qt;
    r.ratio = ratio;
    r.scaled = 1;
    return r;
}
static double raf_f(double x, const double *p)
{
    return raf_eval(x, p, 0).f;
}
static double raf_df(double x, const double *p)
{
    return raf_eval(x, p, 1).df;
}
static void raf_dp(double x, const double *p, double *g)
{
    raf_res r = raf_eval(x, p, 0);
    if (!r.scaled) {
        double xj = 1.0;
        for (int j = 0; j < 4; j++, xj *= x) g[j] = xj * r.inv;
        double fq = r.f * r.inv;
        xj = 1.0;
        for (int k = 0; k < 3; k++, xj *= x) g[4 + k] = -fq * xj;
        return;
    }
    double u = 1.0 / x; /* x^j/Q = u^(2-j)/Qt, x^3/Q = x/Qt */
    g[0] = u * u * r.inv;
    g[1] = u * r.inv;
    g[2] = r.inv;
    g[3] = x * r.inv;
    /* -f x^k/Q = -(f/x) x u^(2-k)/Qt, kept finite where f overflows */
    g[4] = -r.ratio * u * r.inv;
    g[5] = -r.ratio * r.inv;
    g[6] = -ax_mul0(x, r.ratio * r.inv);
}
const activ_entry activ_entry_raf = {
    .name = "raf",
    .title = "Rational activation (type (3,2))",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "rational", NULL}},
    .formula = "(p0 + p1 x + p2 x^2 + p3 x^3) / (q0 + q1 x + q2 x^2)",
    .derivative = "(P'Q - PQ')/Q^2; d/dp_j = x^j/Q; d/dq_k = -f x^k/Q",
    .notes = "Defaults: the authors' initialisation, the best (minimax) type-(3,2) rational "
             "approximation of ReLU on [-1, 1], normalised to q0 = 1: numerator 1.1915 x^3 + 1.5957 x^2 "
             "+ 0.5 x + 0.0218, denominator 2.383 x^2 + 1 (verified against the authors' RationalLayer.py "
             "and initial_rational_coeffs.m). At init f(0) = 0.0218, f(1) = 0.978, f(-1) = -0.022 and f "
             "-> 0.5 x as |x| -> inf; not monotone. The original trains all seven coefficients freely, "
             "so Q can acquire real roots (poles). activ's parameter ranges keep it pole-free: q0 >= 1, "
             "q2 >= 1, |q1| < 2 imply q1^2 < 4 q0 q2, so Q > 0 everywhere (q0 - q1^2/(4 q2) > 0); "
             "values outside need a different entry. Evaluated in double-double as pau.",
    .reference = "N. Boulle, Y. Nakatsukasa, A. Townsend, 2020, Rational neural networks",
    .nparams = 7,
    .params = {RAT_COEF("p0", 0.0218, "numerator coefficient of x^0"),
               RAT_COEF("p1", 0.5, "numerator coefficient of x^1"),
               RAT_COEF("p2", 1.5957, "numerator coefficient of x^2"),
               RAT_COEF("p3", 1.1915, "numerator coefficient of x^3"),
               {"q0", 1.0, 1.0, INFINITY, ACTIV_P_TRAINABLE, PAU_SHARE, "denominator coefficient of x^0"},
               {"q1", 0.0, -2.0, 2.0, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, PAU_SHARE,
                "denominator coefficient of x^1"},
               {"q2", 2.383, 1.0, INFINITY, ACTIV_P_TRAINABLE, PAU_SHARE, "denominator coefficient of x^2"}},
    .f = raf_f,
    .df = raf_df,
    .dp = raf_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ===================================================================== */
/* Squareplus, sparse plus, exponential, scaled softplus                   */
/* ===================================================================== */
static double squareplus_f(double x, const double *p)
{
    double b = p[0], s = hypot(x, sqrt(b));
    if (x >= 0) return 0.5 * x + 0.5 * s;
    return (0.25 * b) / (0.5 * s + 0.5 * -x); /* (x + s)/2 = (b/2)/(s - x), no cancellation */
}
static double squareplus_df(double x, const double *p)
{
    if (isinf(x)) return x > 0 ? 1.0 : 0.0;
    double s = hypot(x, sqrt(p[0]));
    return squareplus_f(x, p) / s; /* (1 + x/s)/2 = f/s */
}
static void squareplus_dp(double x, const double *p, double *g)
{
    g[0] = 0.25 / hypot(x, sqrt(p[0]));
}
static double squareplus_dy(double y, const double *p)
{
    if (isinf(y)) return 1.0;
    return y / (y + 0.25 * p[0] / y); /* y^2/(y^2 + b/4) */
}
const activ_entry activ_entry_squareplus = {
    .name = "squareplus",
    .title = "Squareplus",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"keras", "squareplus", NULL}},
    .formula = "(x + sqrt(x^2 + b)) / 2",
    .derivative = "(1 + x/sqrt(x^2 + b))/2 = f/sqrt(x^2 + b); d/db = 1/(4 sqrt(x^2 + b))",
    .notes = "An algebraic softplus (b = 4, the default of the paper and Keras 3); b -> 0 gives ReLU. "
             "sqrt(x^2 + b) is computed as hypot(x, sqrt b) (no overflow) and, for x < 0, f as "
             "(b/2)/(sqrt(x^2 + b) - x), which does not cancel.",
    .reference = "J. T. Barron, 2021, Squareplus: a softplus-like algebraic rectifier",
    .nparams = 1,
    .params = {{"b", 4.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR, "smoothness (fixed)"}},
    .f = squareplus_f,
    .df = squareplus_df,
    .dp = squareplus_dp,
    .df_from_y = squareplus_dy,
    .bound = ACTIV_BOUND_1ULP,
};

static double sparse_plus_f(double x, const double *p)
{
    (void)p;
    if (x <= -1) return 0.0;
    if (x < 1) return 0.25 * (x + 1.0) * (x + 1.0);
    return x;
}
static double sparse_plus_df(double x, const double *p)
{
    (void)p;
    if (x <= -1) return 0.0;
    if (x < 1) return 0.5 * (x + 1.0);
    return 1.0;
}
static double sparse_plus_dy(double y, const double *p)
{
    (void)p;
    return y < 1 ? sqrt(y) : 1.0;
}
const activ_entry activ_entry_sparse_plus = {
    .name = "sparse_plus",
    .title = "Sparse plus",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"keras", "sparse_plus", NULL}},
    .formula = "0 for x <= -1; (x + 1)^2/4 for -1 < x < 1; x for x >= 1",
    .derivative = "0 for x <= -1; (x + 1)/2 for -1 < x < 1; 1 for x >= 1 (sparse_sigmoid)",
    .notes = "Keras 3 / JAX: the 'twin' of softplus whose derivative is the sparse sigmoid; C1 "
             "(f' is continuous at -1 and 1), so it has no kink.",
    .reference = "M. Blondel, A. F. T. Martins, V. Niculae, 2020, Learning with Fenchel-Young losses",
    .f = sparse_plus_f,
    .df = sparse_plus_df,
    .df_from_y = sparse_plus_dy,
    .bound = ACTIV_BOUND_1ULP,
};

static double exp_f(double x, const double *p)
{
    (void)p;
    return exp(x);
}
static double exp_dy(double y, const double *p)
{
    (void)p;
    return y;
}
const activ_entry activ_entry_exponential = {
    .name = "exponential",
    .title = "Exponential",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"keras", "exponential", NULL}, {"onnx", "Exp", NULL}, {"dnnl", "eltwise_exp", NULL},
                {"ggml", "exp", NULL}, {"tf", "exp", NULL}, {"", "exp", NULL}},
    .formula = "e^x",
    .derivative = "e^x",
    .notes = "Overflows to +inf beyond x = 709.78 (88.72 in float), where the exact value does too.",
    .reference = "F. Chollet et al., 2015, Keras (keras.activations.exponential); an elementary function "
                 "with no original paper",
    .f = exp_f,
    .df = exp_f,
    .df_from_y = exp_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* k (softplus(x) - ln 2) */
static double ssp_g(double x)
{
    if (x <= 2) return log1p(expm1(x) * 0.5);
    return (x - 0.69314718055994530942) + log1p(exp(-x));
}
static double scaled_softplus_f(double x, const double *p)
{
    return p[0] * ssp_g(x);
}
static double scaled_softplus_df(double x, const double *p)
{
    return p[0] * ax_sigmoid(x);
}
static void scaled_softplus_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = ssp_g(x);
}
static double scaled_softplus_dy(double y, const double *p)
{
    double k = p[0];
    return k * (1.0 - 0.5 * exp(-y / k)); /* sigma(x) = 1 - e^-softplus(x) */
}
const activ_entry activ_entry_scaled_softplus = {
    .name = "scaled_softplus",
    .title = "Shifted and scaled softplus",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "shifted_softplus", NULL}, {"", "ssp", NULL}},
    .formula = "k * (ln(1 + e^x) - ln 2)",
    .derivative = "k*sigma(x); d/dk = ln(1 + e^x) - ln 2",
    .notes = "Softplus shifted to pass through 0 (output closer to zero mean) and scaled by k. k = 1 is "
             "SchNet's shifted softplus ln(0.5 e^x + 0.5) (Schuett et al. 2017) and the default here; "
             "the survey cites Sun et al. 2019 for the form k(softplus(x) - ln 2) without a value of k "
             "(not verified from the primary source). k = 2 is SLU's negative branch. Computed as "
             "log1p(expm1(x)/2), which keeps relative accuracy near x = 0.",
    .reference = "Sun et al., 2019 (survey reference [97]); K. T. Schuett et al., 2017, SchNet: a "
                 "continuous-filter convolutional neural network for modeling quantum interactions",
    .nparams = 1,
    .params = {{"k", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR, "output scale (fixed)"}},
    .f = scaled_softplus_f,
    .df = scaled_softplus_df,
    .dp = scaled_softplus_dp,
    .df_from_y = scaled_softplus_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* ===================================================================== */
/* Hard swish, hard mish                                                   */
/* ===================================================================== */
static double hard_swish_f(double x, const double *p)
{
    (void)p;
    if (x <= -3) return 0.0;
    if (x >= 3) return x;
    return x * (x + 3.0) / 6.0;
}
static double hard_swish_df(double x, const double *p)
{
    (void)p;
    if (x < -3) return 0.0;
    if (x <= 3) return (2.0 * x + 3.0) / 6.0;
    return 1.0;
}
const activ_entry activ_entry_hard_swish = {
    .name = "hard_swish",
    .title = "Hard swish",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Hardswish", NULL}, {"keras", "hard_silu", NULL}, {"keras", "hard_swish", NULL},
                {"onnx", "HardSwish", NULL}, {"dnnl", "eltwise_hardswish", NULL}, {"ggml", "hardswish", NULL},
                {"", "hardswish", NULL}},
    .formula = "x * relu6(x + 3) / 6 = x * min(max(x + 3, 0), 6) / 6",
    .derivative = "0 for x < -3; (2x + 3)/6 for -3 <= x <= 3; 1 for x > 3",
    .kink = "PyTorch's convention: f'(-3) = -1/2 (the right piece), f'(3) = 3/2 (the left piece); "
            "oneDNN differs (0 at -3)",
    .notes = "MobileNetV3's piecewise approximation of swish, x*hard_sigmoid(x) with PyTorch's hard "
             "sigmoid relu6(x+3)/6. Not monotone (minimum -0.375 at x = -1.5).",
    .reference = "A. Howard et al., 2019, Searching for MobileNetV3",
    .f = hard_swish_f,
    .df = hard_swish_df,
    .bound = ACTIV_BOUND_1ULP,
};

static double hard_mish_f(double x, const double *p)
{
    (void)p;
    if (x > 0) return x;
    if (x > -2) return 0.5 * x * (x + 2.0);
    return 0.0;
}
static double hard_mish_df(double x, const double *p)
{
    (void)p;
    if (x > 0) return 1.0;
    if (x > -2) return x + 1.0;
    return 0.0;
}
const activ_entry activ_entry_hard_mish = {
    .name = "hard_mish",
    .title = "Hard mish",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"darknet", "hard_mish", NULL}},
    .formula = "x/2 * min(2, max(0, x + 2)) = x for x > 0; x^2/2 + x for -2 < x <= 0; 0 for x <= -2",
    .derivative = "1 for x > 0; x + 1 for -2 < x <= 0; 0 for x <= -2",
    .kink = "f'(-2) = 0 (the left piece, as darknet); smooth at 0",
    .notes = "A piecewise-quadratic approximation of Mish from AlexeyAB's darknet (hard_mish_yashas, "
             "by Yashas Samaga). Minimum -0.5 at x = -1; not monotone.",
    .reference = "Y. Samaga, 2020, hard-mish in AlexeyAB/darknet (no paper)",
    .f = hard_mish_f,
    .df = hard_mish_df,
    .bound = ACTIV_BOUND_1ULP,
};

/* ===================================================================== */
/* Softmax (scalar part: exp)                                              */
/* ===================================================================== */
const activ_entry activ_entry_softmax = {
    .name = "softmax",
    .title = "Softmax",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_SOFTMAX,
    .aliases = {{"torch", "Softmax", NULL}, {"keras", "softmax", NULL}, {"onnx", "Softmax", NULL},
                {"dnnl", "softmax", NULL}, {"ggml", "soft_max", NULL}, {"darknet", "softmax", NULL},
                {"tf", "softmax", NULL}},
    .formula = "y_i = e^(x_i) / sum_j e^(x_j) over the channels; scalar part f = e^x",
    .derivative = "Jacobian diag(y) - y y^T; scalar part f' = e^x",
    .notes = "A vector function: the scalar functions describe the per-element numerator e^x. A layer "
             "subtracts max_j x_j before exponentiating (the ratio is unchanged) so nothing overflows.",
    .reference = "J. S. Bridle, 1990, Probabilistic interpretation of feedforward classification network "
                 "outputs, with relationships to statistical pattern recognition",
    .f = exp_f,
    .df = exp_f,
    .df_from_y = exp_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Log-softmax and sparsemax: vector maps whose per-element part is the
   identity (also Maxout's; declared in entry.h) */
double ident_f(double x, const double *p)
{
    (void)p;
    return x;
}
double one_f(double x, const double *p)
{
    (void)x;
    (void)p;
    return 1.0;
}
const activ_entry activ_entry_log_softmax = {
    .name = "log_softmax",
    .title = "Log-softmax",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_LOG_SOFTMAX,
    .aliases = {{"torch", "LogSoftmax", NULL}, {"keras", "log_softmax", NULL}, {"onnx", "LogSoftmax", NULL},
                {"dnnl", "softmax_log", NULL}, {"tf", "log_softmax", NULL}, {"", "logsoftmax", NULL}},
    .formula = "y_i = x_i - ln sum_j e^(x_j) over the channels; scalar part f = x (the identity)",
    .derivative = "Jacobian dy_i/dx_j = delta_ij - softmax(x)_j, so dx = dy - softmax(x) * sum_i dy_i; "
                  "scalar part f' = 1",
    .notes = "A vector function: the scalar functions describe the per-element part, the identity; "
             "the layer subtracts the log-sum-exp, computed as m + ln sum_j e^(x_j - m) with m = "
             "max_j x_j so that nothing overflows and the largest term stays exact. Numerically "
             "better than ln(softmax(x)), which underflows to -inf for very negative x_i - m. "
             "PyTorch LogSoftmax(dim), Keras 3 log_softmax(axis=-1), ONNX LogSoftmax and oneDNN's "
             "softmax primitive with algorithm softmax_log compute the same function; activ "
             "reduces over the channels.",
    .reference = "J. S. Bridle, 1990, Probabilistic interpretation of feedforward classification network "
                 "outputs, with relationships to statistical pattern recognition (softmax; its "
                 "logarithm as in PyTorch nn.LogSoftmax)",
    .f = ident_f,
    .df = one_f,
    .df_from_y = one_f,
    .bound = ACTIV_BOUND_EXACT,
};

const activ_entry activ_entry_sparsemax = {
    .name = "sparsemax",
    .title = "Sparsemax",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_SPARSEMAX,
    .aliases = {{"keras", "sparsemax", NULL}},
    .formula = "y = argmin_{p in simplex} ||p - x||^2 over the channels: y_i = max(x_i - tau, 0) with "
               "tau chosen so that sum_i y_i = 1; scalar part f = x (the identity)",
    .derivative = "Jacobian diag(s) - s s^T/|S|, s_i = 1[y_i > 0], |S| = sum_i s_i: dx_i = s_i (dy_i - "
                  "mean of dy over the support); scalar part f' = 1",
    .kink = "the Jacobian jumps where an element enters or leaves the support (x_i = tau); an "
            "element with y_i = 0 gets no gradient",
    .notes = "A vector function: the scalar functions describe the per-element part, the identity; "
             "the layer finds tau (sort the channels in decreasing order z_(1) >= z_(2) >= ..., k "
             "= the largest k with 1 + k z_(k) > sum_{j<=k} z_(j), tau = (sum_{j<=k} z_(j) - 1)/k) "
             "and thresholds. Unlike softmax it gives exact zeros, and it is invariant to adding a "
             "constant to every x_i. Keras 3 sparsemax(axis=-1) computes the same function "
             "(TensorFlow Addons had tfa.activations.sparsemax); activ reduces over the channels.",
    .reference = "A. F. T. Martins, R. F. Astudillo, 2016, From softmax to sparsemax: a sparse model of "
                 "attention and multi-label classification",
    .f = ident_f,
    .df = one_f,
    .df_from_y = one_f,
    .bound = ACTIV_BOUND_EXACT,
};

/* ===================================================================== */
/* Gated family: y = a * f(b)                                              */
/* ===================================================================== */
static double sig_f(double x, const double *p)
{
    (void)p;
    return ax_sigmoid(x);
}
static double sig_df(double x, const double *p)
{
    (void)p;
    return ax_dsigmoid(x);
}
static double sig_dy(double y, const double *p)
{
    (void)p;
    return y * (1.0 - y);
}
const activ_entry activ_entry_glu = {
    .name = "glu",
    .title = "GLU (gated linear unit)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_GATED,
    .aliases = {{"torch", "GLU", NULL}, {"keras", "glu", NULL}},
    .formula = "a * sigma(b), where the channels split in halves a | b; gate f = sigma",
    .derivative = "gate f'(b) = sigma(b)(1 - sigma(b)); d/da = sigma(b), d/db = a sigma'(b)",
    .notes = "Same layout as torch.nn.GLU and keras glu (the second half is gated).",
    .reference = "Y. N. Dauphin, A. Fan, M. Auli, D. Grangier, 2017, Language modeling with gated "
                 "convolutional networks",
    .f = sig_f,
    .df = sig_df,
    .df_from_y = sig_dy,
    .bound = ACTIV_BOUND_1ULP,
};

#define GGML_GLU_NOTE                                                                                  \
    "ggml's non-swapped op applies the activation to the FIRST half (act(a) * b); its *_swapped form " \
    "matches activ's layout."
const activ_entry activ_entry_reglu = {
    .name = "reglu",
    .title = "ReGLU",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_GATED,
    .aliases = {{"ggml", "reglu", NULL}},
    .formula = "a * max(0, b), channels split in halves a | b; gate f = relu",
    .derivative = "gate f'(b) = 1[b > 0]",
    .kink = "f'(0) = 0 (PyTorch's ReLU convention)",
    .notes = "GLU with a ReLU gate (Shazeer 2020). " GGML_GLU_NOTE,
    .reference = "N. Shazeer, 2020, GLU variants improve transformer",
    .f = relu_f,
    .df = relu_df,
    .df_from_y = relu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

const activ_entry activ_entry_geglu = {
    .name = "geglu",
    .title = "GEGLU",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_GATED,
    .aliases = {{"ggml", "geglu_erf", NULL}},
    .formula = "a * gelu(b) with the exact (erf) GELU, channels split in halves a | b",
    .derivative = "gate f'(b) = Phi(b) + b phi(b)",
    .notes = "GLU with an exact GELU gate (Shazeer 2020). ggml's plain 'geglu' uses the tanh GELU "
             "(geglu_tanh). " GGML_GLU_NOTE,
    .reference = "N. Shazeer, 2020, GLU variants improve transformer",
    .f = gelu_f,
    .df = gelu_df,
    .bound = ACTIV_BOUND_1ULP,
};

const activ_entry activ_entry_geglu_tanh = {
    .name = "geglu_tanh",
    .title = "GEGLU (tanh GELU gate)",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_GATED,
    .aliases = {{"ggml", "geglu", NULL}},
    .formula = "a * gelu_tanh(b), channels split in halves a | b",
    .derivative = "gate f'(b) as gelu_tanh",
    .notes = "GEGLU with the tanh-approximated GELU, which is what ggml's 'geglu' computes (ggml's "
             "geglu_erf is geglu). " GGML_GLU_NOTE,
    .reference = "N. Shazeer, 2020, GLU variants improve transformer",
    .f = gelu_tanh_f,
    .df = gelu_tanh_df,
    .bound = ACTIV_BOUND_1ULP,
};

static double silu_f(double x, const double *p)
{
    (void)p;
    return ax_mul0(x, ax_sigmoid(x));
}
static const double silu_root[2] = {-1.2784645427610737, -1.0946994183093437e-16};
static const double silu_c[12] = {
    0.2178117057198001, 0.1466487969969469, 0.018874814223782312, -0.015222655223188032,
    -0.006606589138356696, 0.000126627410081122, 0.0007985218818397998, 0.00018570724361186496,
    -4.090534237428612e-05, -2.9733542213263917e-05, -2.942631888842464e-06, 2.346029682463866e-06};
static double silu_df(double x, const double *p)
{
    (void)p;
    if (near_root(x, silu_root[0])) return root_series(x, silu_root[0], silu_root[1], silu_c, 12);
    double s = ax_sigmoid(x);
    return s == 0 ? 0.0 : s * (1.0 + ax_mul0(x, ax_sigmoid(-x)));
}
const activ_entry activ_entry_swiglu = {
    .name = "swiglu",
    .title = "SwiGLU",
    .family = ACTIV_FAMILY_MISC,
    .kind = ACTIV_KIND_GATED,
    .aliases = {{"ggml", "swiglu", NULL}},
    .formula = "a * silu(b) = a * b sigma(b), channels split in halves a | b",
    .derivative = "gate f'(b) = sigma(b)(1 + b sigma(-b))",
    .notes = "GLU with a Swish gate; Shazeer's Swish_beta with beta = 1 (SiLU), as in PaLM and LLaMA. "
             "ggml's swiglu_oai (clamped, alpha = 1.702, with a +1 on the linear half) is a different "
             "function. " GGML_GLU_NOTE,
    .reference = "N. Shazeer, 2020, GLU variants improve transformer",
    .f = silu_f,
    .df = silu_df,
    .bound = ACTIV_BOUND_1ULP,
};
