/*
 * ReLU family, continued (survey section 4, Table 3; section 7.2 for the
 * stochastic ones): bounded, randomised, shifted, shrinking and multi-piece
 * rectifiers, and the non-elementwise kinds built on ReLU (CReLU, Maxout,
 * DualReLU, ABReLU).
 *
 * Kink convention, as in relu.c and PyTorch: at a kink the derivative takes
 * the value of the piece on the left (masks are written 1[x > kink]), except
 * where a framework's convention for that very function says otherwise (the
 * bounded ReLU uses PyTorch's and TensorFlow's 1[0 < x < a]).  Where f itself
 * jumps (threshold, hardshrink) the value at the jump is the left piece's, as
 * in PyTorch.
 */
#include "entry.h"

/* Shared pieces ------------------------------------------------------------- */

/* a * sech^2(t) without the early underflow of 1/cosh^2 (cosh^2 overflows
   past |t| ~ 355 while sech^2 itself is representable to |t| ~ 372, and a
   large a can lift the product back into range): for |t| > 20,
   sech^2 t = 4 e^{-2|t|} to within 2e^{-40} relative, applied as four
   factors e^{-|t|/2} so that none underflows early.  0 when a is 0 or t
   infinite (the limit), never NaN. */
static double mul_sech2(double a, double t)
{
    t = fabs(t);
    if (a == 0 || isinf(t)) return 0.0;
    if (t <= 20) {
        double c = cosh(t);
        return a / (c * c);
    }
    double h = exp(-0.5 * t);
    if (h == 0) return 0.0; /* also keeps an infinite a from giving inf*0 */
    return (((a * h) * 4.0) * h * h) * h;
}

/* BReLU / ReLU6 --------------------------------------------------------------- */
static double brelu_f(double x, const double *p)
{
    if (!(x > 0)) return 0.0;
    return x < p[0] ? x : p[0];
}
static double brelu_df(double x, const double *p)
{
    return (x > 0 && x < p[0]) ? 1.0 : 0.0;
}
static void brelu_dp(double x, const double *p, double *g)
{
    g[0] = x >= p[0] ? 1.0 : 0.0;
}
static double brelu_dy(double y, const double *p)
{
    return (y > 0 && y < p[0]) ? 1.0 : 0.0;
}
const activ_entry activ_entry_brelu = {
    .name = "brelu",
    .title = "BReLU (bounded ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "relu6", "a=6"}, {"torch", "ReLU6", "a=6"}, {"keras", "relu6", "a=6"},
                {"tf", "relu6", "a=6"}, {"darknet", "relu6", "a=6"}, {"", "bounded_relu", NULL}},
    .formula = "min(max(0, x), a)",
    .derivative = "1[0 < x < a]; d/da = 1[x >= a]",
    .kink = "f'(0) = 0 and f'(a) = 0 (PyTorch ReLU6/Hardtanh and TensorFlow Relu6 use the mask "
            "0 < x < a); at x = a, d/da = 1",
    .notes = "Liew et al. treat the bound a as a hyper-parameter; the value they used is not "
             "verified from the primary source. The default a = 6 is ReLU6 (Krizhevsky 2010, "
             "MobileNet), the bound every framework ships: torch ReLU6, keras/tf relu6 and "
             "AlexeyAB darknet relu6 are this entry with a = 6 (the aliases set it); Keras "
             "relu(max_value=a) is the general bound. oneDNN has no named bounded ReLU: "
             "eltwise_clip with alpha = 0, beta = a computes the same forward but its backward "
             "mask is 0 < x <= a (derivative 1 at x = a), while eltwise_clip_v2 uses 0 < x < a "
             "as here. The clip to [-1, 1] (Hardtanh) is a different function.",
    .reference = "S. S. Liew, M. Khalil-Hani, R. Bakhteri, 2016, Bounded activation functions for "
                 "enhanced training stability of deep neural networks on visual pattern recognition "
                 "problems",
    .nparams = 1,
    .params = {{"a", 6.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "upper bound of the output (fixed; 6 gives ReLU6)"}},
    .f = brelu_f,
    .df = brelu_df,
    .dp = brelu_dp,
    .df_from_y = brelu_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* RReLU: leaky ReLU with a random slope -------------------------------------- */
static double slope_f(double x, const double *p) /* p[2] is the slope */
{
    return x > 0 ? x : ax_mul0(p[2], x);
}
static double slope_df(double x, const double *p)
{
    return x > 0 ? 1.0 : p[2];
}
static void rrelu_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = 0.0;
    g[1] = 0.0;
    g[2] = x > 0 ? 0.0 : x;
}
static double slope_dy(double y, const double *p)
{
    return y > 0 ? 1.0 : p[2];
}
static double rrelu_draw(const double *p, double u, double z)
{
    (void)z;
    return p[0] + (p[1] - p[0]) * u;
}
static double rrelu_expect(const double *p)
{
    return 0.5 * (p[0] + p[1]);
}
const activ_entry activ_entry_rrelu = {
    .name = "rrelu",
    .title = "RReLU (randomized leaky ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_STOCHASTIC,
    .aliases = {{"torch", "RReLU", NULL}, {"", "randomized_leaky_relu", NULL}},
    .formula = "x for x > 0; slope*x otherwise, slope ~ U(lower, upper) per element in training, "
               "slope = (lower + upper)/2 in evaluation",
    .derivative = "1 for x > 0, slope otherwise; d/dslope = x for x <= 0; d/dlower = d/dupper = 0 "
                  "(they enter only through the draw)",
    .kink = "f'(0) = slope",
    .notes = "PyTorch's convention is the default: lower = 1/8, upper = 1/3, the slope is drawn "
             "uniformly per element in training and is (lower+upper)/2 = 11/48 ~ 0.229 in "
             "evaluation. Xu et al. write the training rule as y = a*x with a ~ U(l, u), l < u in "
             "[0, 1), but then follow the NDSB winner, whose negative part is x/a with a ~ U(3, 8), "
             "and give the test rule y = x/((l+u)/2), i.e. x/5.5: a slope of 2/11 ~ 0.182 (the "
             "reciprocal of the mean of a, not the mean of the slope), and the training slope 1/a "
             "then lies in [1/8, 1/3] but is not uniform. The survey copies the reciprocal test "
             "rule with l, u in [0, 1) (its erratum). Xu et al.'s test-time function is this entry "
             "with slope=0.181818... given explicitly.",
    .reference = "B. Xu, N. Wang, T. Chen, M. Li, 2015, Empirical evaluation of rectified "
                 "activations in convolutional network",
    .nparams = 3,
    .params = {{"lower", 0.125, 0.0, 1.0, 0, ACTIV_SHARE_SCALAR, "lower end of the slope's range"},
               {"upper", 1.0 / 3.0, 0.0, 1.0, 0, ACTIV_SHARE_SCALAR, "upper end of the slope's range"},
               {"slope", 11.0 / 48.0, 0.0, 1.0, ACTIV_P_RANDOM, ACTIV_SHARE_UNIT,
                "slope for x <= 0: drawn per element in training, (lower+upper)/2 in evaluation"}},
    .f = slope_f,
    .df = slope_df,
    .dp = rrelu_dp,
    .df_from_y = slope_dy,
    .bound = ACTIV_BOUND_EXACT,
    .draw = rrelu_draw,
    .expect = rrelu_expect,
};

/* PTELU ------------------------------------------------------------------------ */
static double ptelu_f(double x, const double *p)
{
    if (x > 0) return x;
    return p[0] * tanh(ax_mul0(p[1], x));
}
static double ptelu_df(double x, const double *p)
{
    if (x > 0) return 1.0;
    return mul_sech2(p[0] * p[1], ax_mul0(p[1], x));
}
static void ptelu_dp(double x, const double *p, double *g)
{
    if (x > 0) {
        g[0] = g[1] = 0.0;
        return;
    }
    double t = ax_mul0(p[1], x);
    g[0] = tanh(t);
    g[1] = ax_mul0(p[0], mul_sech2(x, t));
}
/* y = alpha*tanh(beta*x) for x <= 0, so sech^2(beta*x) = 1 - (y/alpha)^2. */
static double ptelu_dy(double y, const double *p)
{
    if (y > 0) return 1.0;
    if (p[0] == 0) return 0.0;
    return p[1] * ((p[0] - y) * (p[0] + y) / p[0]);
}
const activ_entry activ_entry_ptelu = {
    .name = "ptelu",
    .title = "PTELU (parametric tanh linear unit)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "p_telu", NULL}},
    .formula = "x for x > 0; alpha*tanh(beta*x) otherwise",
    .derivative = "1 for x > 0, alpha*beta*sech^2(beta*x) otherwise; d/dalpha = tanh(beta*x), "
                  "d/dbeta = alpha*x*sech^2(beta*x) for x <= 0",
    .kink = "f'(0) = alpha*beta (left piece); no kink when alpha*beta = 1",
    .notes = "alpha, beta >= 0 are learned (Duggal & Gupta; per layer or channel). The "
             "initialisation alpha = beta = 1 (C1 at 0, like ELU with alpha = 1) is not verified "
             "from the primary source. The negative branch saturates at -alpha.",
    .reference = "R. Duggal, A. Gupta, 2017, P-TELU: Parametric tan hyperbolic linear unit "
                 "activation for deep neural networks",
    .nparams = 2,
    .params = {{"alpha", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "scale of the negative branch (its limit is -alpha)"},
               {"beta", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "input scale of the negative branch"}},
    .f = ptelu_f,
    .df = ptelu_df,
    .dp = ptelu_dp,
    .df_from_y = ptelu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* FReLU (flexible ReLU) ----------------------------------------------------------- */
static double frelu_f(double x, const double *p)
{
    return x > 0 ? x + p[0] : p[0];
}
static void frelu_dp(double x, const double *p, double *g)
{
    (void)x;
    (void)p;
    g[0] = 1.0;
}
static double frelu_dy(double y, const double *p)
{
    return y > p[0] ? 1.0 : 0.0;
}
const activ_entry activ_entry_frelu = {
    .name = "frelu",
    .title = "FReLU (flexible ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "flexible_relu", NULL}},
    .formula = "max(0, x) + b",
    .derivative = "1[x > 0]; d/db = 1",
    .kink = "f'(0) = 0",
    .notes = "b is learned per layer or per channel (Qiu et al. report that it converges to "
             "negative values). The initial b = 0 (plain ReLU at the start) is not verified from "
             "the primary source. Not to be confused with the funnel activation FReLU = max(x, "
             "T(x)) of Ma et al. 2020, which needs a spatial convolution T.",
    .reference = "S. Qiu, X. Xu, B. Cai, 2018, FReLU: Flexible rectified linear units for "
                 "improving convolutional neural networks",
    .nparams = 1,
    .params = {{"b", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, "learned output offset"}},
    .f = frelu_f,
    .df = relu_df,
    .dp = frelu_dp,
    .df_from_y = frelu_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* DisReLU (displaced ReLU) and shifted ReLU ------------------------------------- */
static double disrelu_f(double x, const double *p)
{
    return x > -p[0] ? x : -p[0];
}
static double disrelu_df(double x, const double *p)
{
    return x > -p[0] ? 1.0 : 0.0;
}
static void disrelu_dp(double x, const double *p, double *g)
{
    g[0] = x > -p[0] ? 0.0 : -1.0;
}
static double disrelu_dy(double y, const double *p)
{
    return y > -p[0] ? 1.0 : 0.0;
}
const activ_entry activ_entry_disrelu = {
    .name = "disrelu",
    .title = "DisReLU (displaced ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "shifted_relu", "delta=1"}, {"", "displaced_relu", NULL}},
    .formula = "max(x, -delta)",
    .derivative = "1[x > -delta]; d/ddelta = -1[x <= -delta]",
    .kink = "f'(-delta) = 0",
    .notes = "Macedo et al. call it DReLU (a name Godin et al. also use for the dual ReLU, hence "
             "disrelu here); delta is a fixed hyper-parameter. The default delta = 0.05 is not "
             "verified from the primary source. Qiu et al.'s shifted ReLU max(x, -1) is this "
             "entry with delta = 1 (alias shifted_relu).",
    .reference = "D. Macedo, C. Zanchettin, A. L. I. Oliveira, T. Ludermir, 2019, Enhancing batch "
                 "normalized convolutional networks using displaced rectifier linear units: a "
                 "systematic comparative study",
    .nparams = 1,
    .params = {{"delta", 0.05, 0.0, INFINITY, 0, ACTIV_SHARE_SCALAR,
                "how far the rectification point is displaced below 0 (fixed)"}},
    .f = disrelu_f,
    .df = disrelu_df,
    .dp = disrelu_dp,
    .df_from_y = disrelu_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* EReLU (elastic ReLU): random slope on the positive side --------------------- */
static double erelu_f(double x, const double *p)
{
    return x > 0 ? ax_mul0(p[1], x) : 0.0;
}
static double erelu_df(double x, const double *p)
{
    return x > 0 ? p[1] : 0.0;
}
static void erelu_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = 0.0;
    g[1] = x > 0 ? x : 0.0;
}
static double erelu_dy(double y, const double *p)
{
    return y > 0 ? p[1] : 0.0;
}
static double erelu_draw(const double *p, double u, double z)
{
    (void)z;
    return 1.0 - p[0] + 2.0 * p[0] * u;
}
static double erelu_expect(const double *p)
{
    (void)p;
    return 1.0;
}
const activ_entry activ_entry_erelu = {
    .name = "erelu",
    .title = "EReLU (elastic ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_STOCHASTIC,
    .aliases = {{"", "elastic_relu", NULL}},
    .formula = "k*x for x > 0; 0 otherwise, k ~ U(1 - alpha, 1 + alpha) per element in training, "
               "k = 1 in evaluation (plain ReLU)",
    .derivative = "k*1[x > 0]; d/dk = x for x > 0; d/dalpha = 0 (alpha enters only through the "
                  "draw)",
    .kink = "f'(0) = 0",
    .notes = "Jiang et al. scale each positive value by a random factor 'like a spring' in "
             "training and use the identity on the positive side at test time. The uniform "
             "range 1 +- alpha and the default alpha = 0.2 are not verified from the primary "
             "source. Their EPReLU (a PReLU negative side) is not included.",
    .reference = "X. Jiang, Y. Pang, X. Li, J. Pan, Y. Xie, 2018, Deep neural networks with "
                 "elastic rectified linear units for object recognition",
    .nparams = 2,
    .params = {{"alpha", 0.2, 0.0, 1.0, 0, ACTIV_SHARE_SCALAR,
                "half-width of the slope's range 1 +- alpha"},
               {"k", 1.0, 0.0, INFINITY, ACTIV_P_RANDOM, ACTIV_SHARE_UNIT,
                "slope for x > 0: drawn per element in training, 1 in evaluation"}},
    .f = erelu_f,
    .df = erelu_df,
    .dp = erelu_dp,
    .df_from_y = erelu_dy,
    .bound = ACTIV_BOUND_EXACT,
    .draw = erelu_draw,
    .expect = erelu_expect,
};

/* RTReLU (random translation ReLU) ------------------------------------------------ */
static double rtrelu_f(double x, const double *p)
{
    double t = x + p[1];
    return t > 0 ? t : 0.0;
}
static double rtrelu_df(double x, const double *p)
{
    return x + p[1] > 0 ? 1.0 : 0.0;
}
static void rtrelu_dp(double x, const double *p, double *g)
{
    g[0] = 0.0;
    g[1] = x + p[1] > 0 ? 1.0 : 0.0;
}
static double rtrelu_draw(const double *p, double u, double z)
{
    (void)u;
    return p[0] * z;
}
static double rtrelu_expect(const double *p)
{
    (void)p;
    return 0.0;
}
const activ_entry activ_entry_rtrelu = {
    .name = "rtrelu",
    .title = "RTReLU (random translation ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_STOCHASTIC,
    .aliases = {{"", "rt_relu", NULL}},
    .formula = "max(0, x + a), a ~ N(0, sigma^2) per element in training, a = 0 in evaluation",
    .derivative = "1[x + a > 0]; d/da = 1[x + a > 0]; d/dsigma = 0 (sigma enters only through "
                  "the draw)",
    .kink = "f'(-a) = 0",
    .notes = "Cao et al. translate each input by Gaussian noise in training and use plain ReLU "
             "at test time. The default sigma = 0.5 is not verified from the primary source.",
    .reference = "J. Cao, Y. Pang, X. Li, J. Liang, 2018, Randomly translational activation "
                 "inspired by the input distributions of ReLU",
    .nparams = 2,
    .params = {{"sigma", 0.5, 0.0, INFINITY, 0, ACTIV_SHARE_SCALAR,
                "standard deviation of the random translation"},
               {"a", 0.0, -INFINITY, INFINITY, ACTIV_P_RANDOM | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                ACTIV_SHARE_UNIT, "translation: drawn per element in training, 0 in evaluation"}},
    .f = rtrelu_f,
    .df = rtrelu_df,
    .dp = rtrelu_dp,
    .df_from_y = relu_dy,
    .bound = ACTIV_BOUND_EXACT,
    .draw = rtrelu_draw,
    .expect = rtrelu_expect,
};

/* Expanding kinds: the ACTIV_P_BRANCH parameter picks the output copy ---------- */

/* The copy index a branch parameter holds (a whole number in [0, max], set by
   the layer); rounding keeps a value a hair off an integer on its branch. */
static int branch_of(double v, int max)
{
    int k = v >= 0.5 ? (int)floor(v + 0.5) : 0;
    return k > max ? max : k;
}

/* a*x + b rounded once (fma), and a*x + b with the limit at x = +-inf, where
   a = 0 gives b (not inf*0). */
static double affine(double a, double x, double b)
{
    if (isinf(x)) return a == 0 ? b : a * x + b;
    return fma(a, x, b);
}

/* CReLU (concatenated ReLU) ----------------------------------------------------- */
/* p: branch (0: max(0, x), 1: max(0, -x)) */
static double crelu_f(double x, const double *p)
{
    double t = branch_of(p[0], 1) ? -x : x;
    return t > 0 ? t : 0.0;
}
static double crelu_df(double x, const double *p)
{
    if (branch_of(p[0], 1)) return x < 0 ? -1.0 : 0.0;
    return x > 0 ? 1.0 : 0.0;
}
static void crelu_dp(double x, const double *p, double *g)
{
    (void)x;
    (void)p;
    g[0] = 0.0;
}
/* y = max(0, +-x): f' = +-1 where y > 0, 0 on the flat piece, for either copy */
static double crelu_dy(double y, const double *p)
{
    if (!(y > 0)) return 0.0;
    return branch_of(p[0], 1) ? -1.0 : 1.0;
}
const activ_entry activ_entry_crelu = {
    .name = "crelu",
    .title = "CReLU (concatenated ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_EXPANDING,
    .aliases = {{"tf", "crelu", NULL}},
    .formula = "[max(0, x), max(0, -x)]: each channel gives two (2C outputs); the scalar f is "
               "max(0, x) for branch 0 and max(0, -x) for branch 1",
    .derivative = "1[x > 0] for branch 0, -1[x < 0] (i.e. -1[-x > 0]) for branch 1; d/dbranch = 0",
    .kink = "f'(0) = 0 in both copies (PyTorch's mask 1[t > 0] on t = x or t = -x)",
    .notes = "The branch parameter (ACTIV_P_BRANCH) is the output copy: the layer evaluates f once "
             "with branch = 0 and once with branch = 1 and concatenates the copies along the "
             "channels, doubling them. f' is a function of y for each copy (+-1 where y > 0), so "
             "backward may use the output. tf.nn.crelu concatenates along the last axis by default.",
    .reference = "W. Shang, K. Sohn, D. Almeida, H. Lee, 2016, Understanding and improving "
                 "convolutional neural networks via concatenated rectified linear units",
    .nparams = 1,
    .params = {{"branch", 0.0, 0.0, 1.0, ACTIV_P_BRANCH | ACTIV_P_INTEGER, ACTIV_SHARE_SCALAR,
                "output copy, set by the layer: 0 gives max(0, x), 1 gives max(0, -x)"}},
    .f = crelu_f,
    .df = crelu_df,
    .dp = crelu_dp,
    .df_from_y = crelu_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* PairedReLU ------------------------------------------------------------------------ */
/* p: s, theta, sp, thetap, branch.  Copy 0 uses (s, theta), copy 1 (sp, thetap). */
static double paired_relu_t(double x, const double *p, const double **q)
{
    *q = branch_of(p[4], 1) ? p + 2 : p;
    return affine((*q)[0], x, -(*q)[1]);
}
static double paired_relu_f(double x, const double *p)
{
    const double *q;
    double t = paired_relu_t(x, p, &q);
    return t > 0 ? t : 0.0;
}
static double paired_relu_df(double x, const double *p)
{
    const double *q;
    return paired_relu_t(x, p, &q) > 0 ? q[0] : 0.0;
}
static void paired_relu_dp(double x, const double *p, double *g)
{
    const double *q;
    double t = paired_relu_t(x, p, &q);
    for (int i = 0; i < 5; i++) g[i] = 0.0;
    if (t > 0) {
        int k = (int)(q - p);
        g[k] = x;
        g[k + 1] = -1.0;
    }
}
/* f = max(0, s*x - theta) is monotone in x for any s: f' = s where y > 0, else 0 */
static double paired_relu_dy(double y, const double *p)
{
    if (!(y > 0)) return 0.0;
    return branch_of(p[4], 1) ? p[2] : p[0];
}
#define PAIRED_SHARE (ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL)
const activ_entry activ_entry_paired_relu = {
    .name = "paired_relu",
    .title = "PairedReLU",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_EXPANDING,
    .aliases = {{"", "pairedrelu", NULL}},
    .formula = "[max(s*x - theta, 0), max(sp*x - thetap, 0)]: each channel gives two (2C outputs); "
               "the scalar f is the copy selected by branch (0: s, theta; 1: sp, thetap)",
    .derivative = "branch 0: s*1[s*x - theta > 0]; d/ds = x*1[s*x - theta > 0], d/dtheta = "
                  "-1[s*x - theta > 0], d/dsp = d/dthetap = 0. Branch 1 likewise with sp, thetap. "
                  "d/dbranch = 0",
    .kink = "f' = 0 where s*x = theta (mask 1[s*x - theta > 0], PyTorch's for ReLU of an affine "
            "map; with s < 0 that is the right piece's value)",
    .notes = "A CReLU whose two copies have their own learned scale and threshold (Tang et al. use "
             "it in a super-resolution network). s, theta, sp, thetap are trainable; the survey "
             "lists all four as learned. The defaults s = 1, theta = 0, sp = -1, thetap = 0 make "
             "it exactly CReLU at the start; the initial values in the paper are not verified "
             "from the primary source (it may fix the scales and learn only the thresholds). "
             "The layer sets branch to the copy index. Each copy is monotone, so f' is a "
             "function of y (s or sp where y > 0).",
    .reference = "Z. Tang, L. Luo, H. Peng, S. Li, 2018, A joint residual network with paired ReLUs "
                 "activation for image super-resolution",
    .nparams = 5,
    .params = {{"s", 1.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                PAIRED_SHARE, "scale of copy 0"},
               {"theta", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                PAIRED_SHARE, "threshold of copy 0"},
               {"sp", -1.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                PAIRED_SHARE, "scale of copy 1 (the paired unit)"},
               {"thetap", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                PAIRED_SHARE, "threshold of copy 1 (the paired unit)"},
               {"branch", 0.0, 0.0, 1.0, ACTIV_P_BRANCH | ACTIV_P_INTEGER, ACTIV_SHARE_SCALAR,
                "output copy, set by the layer: 0 uses (s, theta), 1 uses (sp, thetap)"}},
    .f = paired_relu_f,
    .df = paired_relu_df,
    .dp = paired_relu_dp,
    .df_from_y = paired_relu_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* MBA (multi-bias activation) --------------------------------------------------------- */
/* p: b1, b2, b3, b4, branch (0..3 selects b1..b4) */
#define MBA_K 4
static double mba_f(double x, const double *p)
{
    double t = x + p[branch_of(p[MBA_K], MBA_K - 1)];
    return t > 0 ? t : 0.0;
}
static double mba_df(double x, const double *p)
{
    return x + p[branch_of(p[MBA_K], MBA_K - 1)] > 0 ? 1.0 : 0.0;
}
static void mba_dp(double x, const double *p, double *g)
{
    int k = branch_of(p[MBA_K], MBA_K - 1);
    for (int i = 0; i <= MBA_K; i++) g[i] = 0.0;
    g[k] = x + p[k] > 0 ? 1.0 : 0.0;
}
#define MBA_B(i, v, br)                                                                    \
    {"b" #i, v, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, \
     ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, "bias of copy " #i " (used when branch = " #br ")"}
const activ_entry activ_entry_mba = {
    .name = "mba",
    .title = "MBA (multi-bias activation)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_EXPANDING,
    .aliases = {{"", "multi_bias", NULL}},
    .formula = "[max(0, x + b_1), ..., max(0, x + b_4)]: each channel gives K = 4 (4C outputs); the "
               "scalar f is max(0, x + b_{branch+1})",
    .derivative = "1[x + b_k > 0] for copy k = branch + 1; d/db_k = 1[x + b_k > 0] for that copy, "
                  "0 for the other biases; d/dbranch = 0",
    .kink = "f'(-b_k) = 0 (ReLU's mask 1[t > 0])",
    .notes = "Li et al. add K learned biases to each input map and rectify each sum, so one channel "
             "becomes K; the next layer's weights mix them into a piecewise-linear response. K = 4 "
             "here (K is a hyper-parameter in the paper; the values it uses are not verified). The "
             "defaults b = (-1.5, -0.5, 0.5, 1.5), evenly spaced so the copies start out different, "
             "are activ's choice, not verified from the primary source. The layer sets branch to "
             "the copy index.",
    .reference = "H. Li, W. Ouyang, X. Wang, 2016, Multi-bias non-linear activation in deep neural "
                 "networks",
    .nparams = 5,
    .params = {MBA_B(1, -1.5, 0), MBA_B(2, -0.5, 1), MBA_B(3, 0.5, 2), MBA_B(4, 1.5, 3),
               {"branch", 0.0, 0.0, MBA_K - 1, ACTIV_P_BRANCH | ACTIV_P_INTEGER, ACTIV_SHARE_SCALAR,
                "output copy, set by the layer: branch k uses the bias b_{k+1}"}},
    .f = mba_f,
    .df = mba_df,
    .dp = mba_dp,
    .df_from_y = relu_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* Maxout ------------------------------------------------------------------------- */
static void zero_dp1(double x, const double *p, double *g)
{
    (void)x;
    (void)p;
    g[0] = 0.0;
}
const activ_entry activ_entry_maxout = {
    .name = "maxout",
    .title = "Maxout",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_MAXOUT,
    .formula = "max over groups of k channels: y_j = max_{i<k} z_{jk+i} (z = w^T x + b from the "
               "preceding linear layer); f is the identity on each piece",
    .derivative = "1 for the arg-max element of each group, 0 for the others",
    .notes = "k is a fixed whole number (2 by default; Goodfellow et al. use small k such as "
             "2 to 5); C input channels give C/k outputs. The learned w, b belong to the "
             "preceding layer. ReLU is maxout of (z, 0) and leaky ReLU of (z, slope*z). Which "
             "element of a tied group receives the gradient is the layer's convention.",
    .reference = "I. J. Goodfellow, D. Warde-Farley, M. Mirza, A. Courville, Y. Bengio, 2013, "
                 "Maxout networks",
    .nparams = 1,
    .params = {{"k", 2.0, 1.0, INFINITY, ACTIV_P_INTEGER, ACTIV_SHARE_SCALAR,
                "pieces per group (fixed)"}},
    .f = ident_f,
    .df = one_f,
    .dp = zero_dp1,
    .df_from_y = one_f,
    .bound = ACTIV_BOUND_EXACT,
};

/* DualReLU -------------------------------------------------------------------- */
const activ_entry activ_entry_dual_relu = {
    .name = "dual_relu",
    .title = "DualReLU",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_PAIRED,
    .aliases = {{"", "dualrelu", NULL}},
    .formula = "max(0, a) - max(0, b) for the channel halves a|b; f is max(0, x)",
    .derivative = "d/da = 1[a > 0], d/db = -1[b > 0]",
    .kink = "f'(0) = 0",
    .notes = "Godin et al. (who call it DReLU) replace tanh in quasi-recurrent networks with it: "
             "the output is unbounded both ways and zero when both inputs are negative. The "
             "scalar functions describe one half (ReLU); the layer subtracts the second half's.",
    .reference = "F. Godin, J. Degrave, J. Dambre, W. De Neve, 2018, Dual rectified linear units "
                 "(DReLUs): a replacement for tanh activation functions in quasi-recurrent neural "
                 "networks",
    .f = relu_f,
    .df = relu_df,
    .df_from_y = relu_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* ABReLU (average-biased ReLU) ------------------------------------------------------ */
static double abrelu_f(double x, const double *p)
{
    return x > p[0] ? x - p[0] : 0.0;
}
static double abrelu_df(double x, const double *p)
{
    return x > p[0] ? 1.0 : 0.0;
}
static void abrelu_dp(double x, const double *p, double *g)
{
    g[0] = x > p[0] ? -1.0 : 0.0;
}
const activ_entry activ_entry_abrelu = {
    .name = "abrelu",
    .title = "ABReLU (average-biased ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_DATA_DEPENDENT,
    .aliases = {{"", "average_biased_relu", NULL}},
    .formula = "max(0, x - beta), beta = the mean of the input",
    .derivative = "1[x > beta] with beta held; d/dbeta = -1[x > beta]. Through beta = mean of N "
                  "elements: df_i/dx_j = 1[x_i > beta] (delta_ij - 1/N)",
    .kink = "f'(beta) = 0",
    .notes = "beta is a statistic of the input (ACTIV_P_DATA): the layer computes it, and the "
             "gradient flows through it via d/dbeta. The scope of the mean is a choice. Dubey & "
             "Chakraborty average the input activation map of a layer of a pre-trained VGG-Face "
             "to build face descriptors. The survey's benchmark code (Activations.py) uses one "
             "scalar mean over the whole mini-batch tensor (N*C*H*W elements), not detached, so "
             "the gradient includes the -1/N sum term, and keeps no running statistic, so "
             "evaluation output depends on the test batch. Per-sample, per-channel or detached "
             "means are the alternatives. The default beta = 0 is only the value used when the "
             "scalar functions are called without data (plain ReLU).",
    .reference = "S. R. Dubey, S. Chakraborty, 2018, Average biased ReLU based CNN descriptor for "
                 "improved face retrieval",
    .nparams = 1,
    .params = {{"beta", 0.0, -INFINITY, INFINITY, ACTIV_P_DATA | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "mean of the input, computed by the layer: over the whole tensor (share scalar, the survey "
                "code's choice) or per channel (share channel)"}},
    .f = abrelu_f,
    .df = abrelu_df,
    .dp = abrelu_dp,
    .df_from_y = relu_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* vReLU (V-shaped ReLU, |x|) ------------------------------------------------------- */
static double vrelu_f(double x, const double *p)
{
    (void)p;
    return fabs(x);
}
static double vrelu_df(double x, const double *p)
{
    (void)p;
    return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
}
const activ_entry activ_entry_vrelu = {
    .name = "vrelu",
    .title = "vReLU (V-shaped ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "abs", NULL}, {"onnx", "Abs", NULL}, {"dnnl", "eltwise_abs", NULL},
                {"ggml", "abs", NULL}},
    .formula = "|x|",
    .derivative = "sign(x)",
    .kink = "f'(0) = 0 (the subgradient PyTorch's abs backward uses)",
    .notes = "x for x >= 0, -x otherwise. Not monotone, so backward needs the input.",
    .reference = "H. Hu, 2018, VReLU activation functions for artificial neural networks",
    .f = vrelu_f,
    .df = vrelu_df,
    .bound = ACTIV_BOUND_EXACT,
};

/* SignReLU ---------------------------------------------------------------------- */
static double signrelu_f(double x, const double *p)
{
    if (x > 0) return x;
    if (isinf(x)) return -p[0];
    return p[0] * (x / (1.0 - x));
}
static double signrelu_df(double x, const double *p)
{
    if (x > 0) return 1.0;
    double d = 1.0 / (1.0 - x);
    return p[0] * d * d;
}
static void signrelu_dp(double x, const double *p, double *g)
{
    (void)p;
    if (x > 0) g[0] = 0.0;
    else if (isinf(x)) g[0] = -1.0;
    else g[0] = x / (1.0 - x);
}
/* y = alpha*x/(1-x) for x <= 0, so 1/(1-x) = 1 + y/alpha and f' = (alpha+y)^2/alpha. */
static double signrelu_dy(double y, const double *p)
{
    if (y > 0) return 1.0;
    if (p[0] == 0) return 0.0;
    double s = p[0] + y;
    return s * (s / p[0]);
}
const activ_entry activ_entry_signrelu = {
    .name = "signrelu",
    .title = "SignReLU",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x for x > 0; alpha*x/(1 + |x|) (a scaled softsign) otherwise",
    .derivative = "1 for x > 0, alpha/(1 + |x|)^2 otherwise; d/dalpha = x/(1 + |x|) for x <= 0",
    .kink = "f'(0) = alpha (left piece); no kink when alpha = 1",
    .notes = "The survey gives no formula; the softsign negative part and its scale alpha "
             "(default 1, which makes f C1) are not verified from the primary source. The "
             "negative branch saturates at -alpha.",
    .reference = "G. Lin, W. Shen, 2018, Research on convolutional neural network based on "
                 "improved Relu piecewise activation function",
    .nparams = 1,
    .params = {{"alpha", 1.0, 0.0, INFINITY, 0, ACTIV_SHARE_SCALAR,
                "scale of the softsign negative branch (fixed)"}},
    .f = signrelu_f,
    .df = signrelu_df,
    .dp = signrelu_dp,
    .df_from_y = signrelu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* BLU (bendable linear unit) --------------------------------------------------------
 * f = x + beta*(s - 1), s = sqrt(x^2 + 1), with s - 1 = |x| r, r = |x|/(s + 1).
 * When beta and x have opposite signs the two terms cancel; then
 * f = sign(x) |x| (1 - |beta| r) with 1 - |beta| r = ((1-|beta|)|x| + 1 + 1/(s+|x|))/(s+1),
 * a sum of non-negative terms.  The same rewriting gives f' = 1 + beta x/s.
 */
static int blu_opposite(double x, double b)
{
    return (b > 0 && x < 0) || (b < 0 && x > 0);
}
static double blu_f(double x, const double *p)
{
    double b = p[0], a = fabs(x), ab = fabs(b), sg = x < 0 ? -1.0 : 1.0;
    int opp = blu_opposite(x, b);
    if (isinf(x)) return (opp && ab == 1.0) ? sg : x;
    double s = hypot(a, 1.0);
    double r = a / (s + 1.0);
    if (!opp) return x + b * (a * r);
    return sg * (r * (((1.0 - ab) * a + 1.0) + 1.0 / (s + a)));
}
static double blu_df(double x, const double *p)
{
    double b = p[0], a = fabs(x), ab = fabs(b);
    if (isinf(x)) return x > 0 ? 1.0 + b : 1.0 - b;
    double s = hypot(a, 1.0);
    if (!blu_opposite(x, b)) return 1.0 + ab * (a / s);
    return (1.0 - ab) * (a / s) + (1.0 / (s + a)) / s;
}
static void blu_dp(double x, const double *p, double *g)
{
    (void)p;
    double a = fabs(x);
    if (isinf(x)) {
        g[0] = INFINITY;
        return;
    }
    double s = hypot(a, 1.0);
    g[0] = a * (a / (s + 1.0));
}
/*
 * From y: with u = y + beta = x + beta*s, squaring (u - x)^2 = beta^2 (x^2 + 1) and taking the
 * root with sign(u - x) = sign(beta) gives x = (u - beta R)/(1 - beta^2), R = sqrt(u^2 + 1 - beta^2),
 * and then f' = (1 - beta^2) R/(R - beta u) = R (R + beta u)/(u^2 + 1).  Scaled by h = sqrt(u^2+1)
 * (q = R/h, v = u/h, both at most 1) and using whichever form has no cancellation.
 */
static double blu_dy(double y, const double *p)
{
    double b = p[0];
    double u = y + b;
    if (isinf(u)) return u > 0 ? 1.0 + b : 1.0 - b;
    double w2 = (1.0 - b) * (1.0 + b);
    double h = hypot(u, 1.0);
    double q = hypot(u, sqrt(w2)) / h, v = u / h;
    if (b * u >= 0) return q * (q + b * v);
    return w2 * q / (q - b * v);
}
const activ_entry activ_entry_blu = {
    .name = "blu",
    .title = "BLU (bendable linear unit)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "bent_identity", "beta=0.5"}, {"", "bendable_linear_unit", NULL}},
    .formula = "beta*(sqrt(x^2 + 1) - 1) + x",
    .derivative = "1 + beta*x/sqrt(x^2 + 1); d/dbeta = sqrt(x^2 + 1) - 1",
    .notes = "beta in [-1, 1] is learned; f is strictly increasing there (for |beta| = 1 it "
             "saturates on one side at -1 or 1). The initial beta = 0 (identity) follows public "
             "implementations and is not verified from the primary source. beta = 0.5 is the "
             "bent identity (alias bent_identity).",
    .reference = "L. B. Godfrey, 2019, An evaluation of parametric activation functions for deep "
                 "learning",
    .nparams = 1,
    .params = {{"beta", 0.0, -1.0, 1.0, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "bend: weight of sqrt(x^2+1) - 1"}},
    .f = blu_f,
    .df = blu_df,
    .dp = blu_dp,
    .df_from_y = blu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* SReLU (S-shaped ReLU): p = t_l, a_l, t_r, a_r ---------------------------------- */
static double srelu_f(double x, const double *p)
{
    if (x > p[2]) return p[2] + p[3] * (x - p[2]);
    if (x > p[0]) return x;
    return p[0] + ax_mul0(p[1], x - p[0]);
}
static double srelu_df(double x, const double *p)
{
    if (x > p[2]) return p[3];
    if (x > p[0]) return 1.0;
    return p[1];
}
static void srelu_dp(double x, const double *p, double *g)
{
    g[0] = g[1] = g[2] = g[3] = 0.0;
    if (x > p[2]) {
        g[2] = 1.0 - p[3];
        g[3] = x - p[2];
    } else if (!(x > p[0])) {
        g[0] = 1.0 - p[1];
        g[1] = x - p[0];
    }
}
static double srelu_dy(double y, const double *p)
{
    if (y > p[2]) return p[3];
    if (y > p[0]) return 1.0;
    return p[1];
}
const activ_entry activ_entry_srelu = {
    .name = "srelu",
    .title = "SReLU (S-shaped ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"keras", "SReLU", NULL}},
    .formula = "t_r + a_r*(x - t_r) for x > t_r; x for t_l < x <= t_r; t_l + a_l*(x - t_l) for "
               "x <= t_l",
    .derivative = "a_r, 1 or a_l on the three pieces; for x > t_r: d/dt_r = 1 - a_r, d/da_r = "
                  "x - t_r; for x <= t_l: d/dt_l = 1 - a_l, d/da_l = x - t_l; 0 elsewhere",
    .kink = "f'(t_l) = a_l, f'(t_r) = 1 (the left piece's slope)",
    .notes = "All four parameters are learned per channel. Jin et al. start with SReLU frozen "
             "as a leaky ReLU (t_l = 0, a_r = 1; the slope a_l = 0.2 is not verified from the "
             "primary source) for the first epochs and then set t_r from the distribution of "
             "the layer's inputs; the default t_r = 1 here is a placeholder for that data-"
             "dependent value. keras-contrib's SReLU layer initialises t_l = 0, a_l ~ U(0, 1), "
             "t_r ~ U(0, 5), a_r = 1. Ranges here: t_l <= 0 <= t_r keeps the pieces in order "
             "when the parameters are set independently, and a_l >= 0, a_r > 0 keep f monotone "
             "so that backward may use the output; the original does not constrain the slopes "
             "(negative ones give non-monotone shapes, not covered by this entry).",
    .reference = "X. Jin, C. Xu, J. Feng, Y. Wei, J. Xiong, S. Yan, 2016, Deep learning with "
                 "S-shaped rectified linear activation units",
    .nparams = 4,
    .params = {{"t_l", 0.0, -INFINITY, 0.0, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN,
                ACTIV_SHARE_ANY, "left threshold"},
               {"a_l", 0.2, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY,
                "slope left of t_l"},
               {"t_r", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY, "right threshold"},
               {"a_r", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN, ACTIV_SHARE_ANY,
                "slope right of t_r"}},
    .f = srelu_f,
    .df = srelu_df,
    .dp = srelu_dp,
    .df_from_y = srelu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* NLReLU (natural-log ReLU) --------------------------------------------------------- */
static double nlrelu_f(double x, const double *p)
{
    if (!(x > 0)) return 0.0;
    double t = ax_mul0(p[0], x);
    if (isinf(t) && !isinf(x)) return log(p[0]) + log(x); /* beta*x overflowed: 1 is negligible */
    return log1p(t);
}
static double nlrelu_df(double x, const double *p)
{
    if (!(x > 0) || p[0] == 0) return 0.0;
    double t = p[0] * x;
    if (isinf(t)) return 1.0 / (x + 1.0 / p[0]); /* beta*x overflowed: 1/(x + 1/beta) */
    return p[0] / (1.0 + t);
}
static void nlrelu_dp(double x, const double *p, double *g)
{
    if (!(x > 0)) g[0] = 0.0;
    else if (p[0] == 0) g[0] = x;
    else if (x > 1) g[0] = 1.0 / (p[0] + 1.0 / x); /* x/(1 + beta x) without overflow */
    else g[0] = x / (1.0 + p[0] * x);
}
static double nlrelu_dy(double y, const double *p)
{
    return y > 0 ? p[0] * exp(-y) : 0.0;
}
const activ_entry activ_entry_nlrelu = {
    .name = "nlrelu",
    .title = "NLReLU (natural-log ReLU)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "ln(beta*max(0, x) + 1)",
    .derivative = "beta/(beta*x + 1) for x > 0, 0 otherwise; d/dbeta = x/(beta*x + 1) for x > 0",
    .kink = "f'(0) = 0",
    .notes = "beta is a fixed hyper-parameter, 1 by default. Grows only logarithmically.",
    .reference = "Y. Liu, J. Zhang, C. Gao, J. Qu, L. Ji, 2019, Natural-logarithm-rectified "
                 "activation function in convolutional neural networks",
    .nparams = 1,
    .params = {{"beta", 1.0, 0.0, INFINITY, 0, ACTIV_SHARE_SCALAR, "input scale (fixed)"}},
    .f = nlrelu_f,
    .df = nlrelu_df,
    .dp = nlrelu_dp,
    .df_from_y = nlrelu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* PLU (piecewise linear unit): p = alpha, c ------------------------------------------ */
static double plu_f(double x, const double *p)
{
    double a = p[0], c = p[1];
    if (x > c) return a * (x - c) + c;
    if (x > -c) return x;
    return a * (x + c) - c;
}
static double plu_df(double x, const double *p)
{
    return (x > p[1] || !(x > -p[1])) ? p[0] : 1.0;
}
static void plu_dp(double x, const double *p, double *g)
{
    double a = p[0], c = p[1];
    if (x > c) {
        g[0] = x - c;
        g[1] = 1.0 - a;
    } else if (x > -c) {
        g[0] = g[1] = 0.0;
    } else {
        g[0] = x + c;
        g[1] = a - 1.0;
    }
}
static double plu_dy(double y, const double *p)
{
    return (y > p[1] || !(y > -p[1])) ? p[0] : 1.0;
}
const activ_entry activ_entry_plu = {
    .name = "plu",
    .title = "PLU (piecewise linear unit)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "max(alpha*(x + c) - c, min(alpha*(x - c) + c, x)): x for |x| <= c, "
               "alpha*(x - c) + c for x > c, alpha*(x + c) - c for x < -c",
    .derivative = "1 for -c < x <= c, alpha otherwise; d/dalpha = x - c (x > c) or x + c "
                  "(x <= -c); d/dc = 1 - alpha (x > c) or alpha - 1 (x <= -c); 0 in between",
    .kink = "f'(-c) = alpha, f'(c) = 1 (the left piece's slope)",
    .notes = "alpha = 0.1 and c = 1 as in Nicolae (fixed; corroborated by public code, not "
             "re-read in the primary source). The max/min form equals the piecewise form for "
             "0 < alpha <= 1 and c >= 0, the ranges here.",
    .reference = "A. Nicolae, 2018, PLU: The piecewise linear unit activation function",
    .nparams = 2,
    .params = {{"alpha", 0.1, 0.0, 1.0, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR,
                "slope outside [-c, c] (fixed)"},
               {"c", 1.0, 0.0, INFINITY, 0, ACTIV_SHARE_SCALAR,
                "half-width of the identity band (fixed)"}},
    .f = plu_f,
    .df = plu_df,
    .dp = plu_dp,
    .df_from_y = plu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* MTLU (multi-bin trainable linear unit): p = a0..a3, b0..b3 ------------------ */
/* Bins on the fixed edges -1, 0, 1, each closed on the right (the left piece's
   convention): (-inf, -1], (-1, 0], (0, 1], (1, inf). */
#define MTLU_K 4
static int mtlu_bin(double x)
{
    return x <= -1 ? 0 : x <= 0 ? 1 : x <= 1 ? 2 : 3;
}
static double mtlu_f(double x, const double *p)
{
    int k = mtlu_bin(x);
    return affine(p[k], x, p[MTLU_K + k]);
}
static double mtlu_df(double x, const double *p)
{
    return p[mtlu_bin(x)];
}
static void mtlu_dp(double x, const double *p, double *g)
{
    (void)p;
    int k = mtlu_bin(x);
    for (int i = 0; i < 2 * MTLU_K; i++) g[i] = 0.0;
    g[k] = x;
    g[MTLU_K + k] = 1.0;
}
#define MTLU_P(n, v, what) {n, v, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, \
                            ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, what}
const activ_entry activ_entry_mtlu = {
    .name = "mtlu",
    .title = "MTLU (multi-bin trainable linear unit)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "multi_bin_trainable_linear_unit", NULL}},
    .formula = "a_k*x + b_k in bin k of the fixed edges c = (-1, 0, 1): bin 0 is x <= -1, bin 1 "
               "-1 < x <= 0, bin 2 0 < x <= 1, bin 3 x > 1",
    .derivative = "a_k in bin k; d/da_k = x and d/db_k = 1 in bin k, 0 for the other bins' parameters",
    .kink = "at an edge c (where f may also jump, the pieces being independent) f and f' are the "
            "left bin's: f(c) = a_k*c + b_k, f'(c) = a_k with c the right end of bin k",
    .notes = "Gu et al. split the input range into bins of equal width, each with its own learned "
             "linear function (per channel), initialised so that the unit starts as ReLU; the bin "
             "count and width are hyper-parameters (their values in the paper, with many narrow "
             "bins, are not verified here). activ fixes K = 4 bins on the edges -1, 0, 1 (8 "
             "parameters). Defaults a = (0, 0, 1, 1), b = (0, 0, 0, 0) give exactly ReLU. Nothing "
             "ties neighbouring pieces, so trained parameters may make f discontinuous at the "
             "edges; f' is then not a function of y in general.",
    .reference = "S. Gu, W. Li, L. Van Gool, R. Timofte, 2019, Fast image restoration with multi-bin "
                 "trainable linear units",
    .nparams = 8,
    .params = {MTLU_P("a0", 0.0, "slope in bin 0 (x <= -1)"), MTLU_P("a1", 0.0, "slope in bin 1 (-1 < x <= 0)"),
               MTLU_P("a2", 1.0, "slope in bin 2 (0 < x <= 1)"), MTLU_P("a3", 1.0, "slope in bin 3 (x > 1)"),
               MTLU_P("b0", 0.0, "intercept in bin 0 (x <= -1)"),
               MTLU_P("b1", 0.0, "intercept in bin 1 (-1 < x <= 0)"),
               MTLU_P("b2", 0.0, "intercept in bin 2 (0 < x <= 1)"),
               MTLU_P("b3", 0.0, "intercept in bin 3 (x > 1)")},
    .f = mtlu_f,
    .df = mtlu_df,
    .dp = mtlu_dp,
    .bound = ACTIV_BOUND_EXACT,
};

/* ReLTanh: p = lambda_pos, lambda_neg ------------------------------------------------- */
static double tanh_line(double x, double l) /* tangent of tanh at l, evaluated at x */
{
    return tanh(l) + mul_sech2(x - l, l);
}
static double reltanh_f(double x, const double *p)
{
    if (isinf(x)) return x; /* both lines have a positive slope */
    if (x > p[0]) return tanh_line(x, p[0]);
    if (x < p[1]) return tanh_line(x, p[1]);
    return tanh(x);
}
static double reltanh_df(double x, const double *p)
{
    if (x > p[0]) return mul_sech2(1.0, p[0]);
    if (x < p[1]) return mul_sech2(1.0, p[1]);
    return mul_sech2(1.0, x);
}
/* d/dl of the tangent line at x: (x - l) tanh''(l) = -2 (x - l) tanh(l) sech^2(l) */
static double tanh_line_dl(double x, double l)
{
    if (isinf(x)) return l == 0 ? 0.0 : (x > 0) == (l > 0) ? -INFINITY : INFINITY;
    return (-2.0 * tanh(l)) * mul_sech2(x - l, l);
}
static void reltanh_dp(double x, const double *p, double *g)
{
    g[0] = x > p[0] ? tanh_line_dl(x, p[0]) : 0.0;
    g[1] = x < p[1] ? tanh_line_dl(x, p[1]) : 0.0;
}
static double reltanh_dy(double y, const double *p)
{
    if (y > tanh(p[0])) return mul_sech2(1.0, p[0]);
    if (y < tanh(p[1])) return mul_sech2(1.0, p[1]);
    return (1.0 - y) * (1.0 + y);
}
const activ_entry activ_entry_reltanh = {
    .name = "reltanh",
    .title = "ReLTanh (rectified linear tanh)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "tanh(x) for lambda_neg <= x <= lambda_pos; outside, the tangent line of tanh at "
               "the threshold: tanh(l) + (x - l)*(1 - tanh^2(l)), l = lambda_pos (x > lambda_pos) "
               "or lambda_neg (x < lambda_neg)",
    .derivative = "1 - tanh^2(x) inside, 1 - tanh^2(l) outside; d/dl = (x - l)*tanh''(l) = "
                  "-2 (x - l) tanh(l) (1 - tanh^2(l)) on that threshold's side, 0 elsewhere",
    .notes = "The thresholds are learned. Defaults lambda_pos = 0, lambda_neg = -1.5 follow the "
             "authors' MATLAB code, which clamps lambda_pos to [0, 0.5] and lambda_neg to at most "
             "-1.5 after each update (the paper's own initial values are not verified from the "
             "primary source). That code updates each threshold with tanh''(x) at the input "
             "rather than the exact (x - l) tanh''(l) given here; note that the exact gradient "
             "for lambda_pos vanishes at lambda_pos = 0. Ranges here: lambda_neg <= 0 <= "
             "lambda_pos. f is C1 and strictly increasing, unbounded both ways.",
    .reference = "X. Wang, Y. Qin, Y. Wang, S. Xiang, H. Chen, 2019, ReLTanh: an activation "
                 "function with vanishing gradient resistance for SAE-based DNNs and its "
                 "application to rotating machinery fault diagnosis",
    .nparams = 2,
    .params = {{"lambda_pos", 0.0, 0.0, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MAX_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL | ACTIV_SHARE_UNIT,
                "upper threshold: tangent line above it"},
               {"lambda_neg", -1.5, -INFINITY, 0.0, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL | ACTIV_SHARE_UNIT,
                "lower threshold: tangent line below it"}},
    .f = reltanh_f,
    .df = reltanh_df,
    .dp = reltanh_dp,
    .df_from_y = reltanh_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Threshold (PyTorch): p = threshold, value ----------------------------------------- */
static double threshold_f(double x, const double *p)
{
    return x > p[0] ? x : p[1];
}
static double threshold_df(double x, const double *p)
{
    return x > p[0] ? 1.0 : 0.0;
}
static void threshold_dp(double x, const double *p, double *g)
{
    g[0] = 0.0;
    g[1] = x > p[0] ? 0.0 : 1.0;
}
const activ_entry activ_entry_threshold = {
    .name = "threshold",
    .title = "Threshold",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Threshold", NULL}, {"keras", "threshold", NULL},
                {"", "thresholded_relu", "threshold=1,value=0"},
                {"keras", "ThresholdedReLU", "threshold=1,value=0"}},
    .formula = "x if x > threshold, else value",
    .derivative = "1[x > threshold]; d/dvalue = 1[x <= threshold]; d/dthreshold = 0 away from "
                  "the jump",
    .kink = "f jumps at x = threshold unless value = threshold: f(threshold) = value, "
            "f'(threshold) = 0 (PyTorch)",
    .notes = "PyTorch and Keras require both arguments; the defaults here (threshold = 0.1, "
             "value = 20) are PyTorch's documentation example, chosen only so that the default "
             "is not plain ReLU. threshold = value = 0 gives ReLU. The thresholded ReLU (Konda "
             "et al. 2015; Keras 2 layer ThresholdedReLU with theta = 1) is threshold = 1, "
             "value = 0 (alias thresholded_relu); Keras relu(x, threshold=t) computes x for "
             "x >= t, else 0: the same but inclusive at t.",
    .reference = "PyTorch torch.nn.Threshold (no paper); K. Konda, R. Memisevic, D. Krueger, "
                 "2015, Zero-bias autoencoders and the benefits of co-adapting features",
    .nparams = 2,
    .params = {{"threshold", 0.1, -INFINITY, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                ACTIV_SHARE_SCALAR, "inputs at or below it are replaced"},
               {"value", 20.0, -INFINITY, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                ACTIV_SHARE_SCALAR, "replacement value"}},
    .f = threshold_f,
    .df = threshold_df,
    .dp = threshold_dp,
    .bound = ACTIV_BOUND_EXACT,
};

/* Hardshrink and Softshrink ------------------------------------------------------- */
static double hardshrink_f(double x, const double *p)
{
    return (x > p[0] || x < -p[0]) ? x : 0.0;
}
static double shrink_df(double x, const double *p)
{
    return (x > p[0] || x < -p[0]) ? 1.0 : 0.0;
}
static double shrink_dy(double y, const double *p)
{
    (void)p;
    return y != 0 ? 1.0 : 0.0;
}
const activ_entry activ_entry_hardshrink = {
    .name = "hardshrink",
    .title = "Hardshrink",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Hardshrink", NULL}, {"keras", "hard_shrink", NULL},
                {"", "hard_shrink", NULL}},
    .formula = "x if |x| > lambda, else 0",
    .derivative = "1[|x| > lambda]; d/dlambda = 0 away from the jumps",
    .kink = "f jumps at x = +-lambda: f(+-lambda) = 0 and f'(+-lambda) = 0 (PyTorch)",
    .notes = "lambda = 0.5 as in PyTorch and Keras. Hard thresholding of wavelet shrinkage.",
    .reference = "D. L. Donoho, I. M. Johnstone, 1994, Ideal spatial adaptation by wavelet "
                 "shrinkage",
    .nparams = 1,
    .params = {{"lambda", 0.5, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR,
                "threshold (fixed; 0 would be the identity)"}},
    .f = hardshrink_f,
    .df = shrink_df,
    .dp = zero_dp1,
    .df_from_y = shrink_dy,
    .bound = ACTIV_BOUND_EXACT,
};

static double softshrink_f(double x, const double *p)
{
    if (x > p[0]) return x - p[0];
    if (x < -p[0]) return x + p[0];
    return 0.0;
}
static void softshrink_dp(double x, const double *p, double *g)
{
    g[0] = x > p[0] ? -1.0 : (x < -p[0] ? 1.0 : 0.0);
}
const activ_entry activ_entry_softshrink = {
    .name = "softshrink",
    .title = "Softshrink",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Softshrink", NULL}, {"keras", "soft_shrink", NULL},
                {"", "soft_shrink", NULL}},
    .formula = "x - lambda for x > lambda; x + lambda for x < -lambda; 0 otherwise",
    .derivative = "1[|x| > lambda]; d/dlambda = -1 (x > lambda), 1 (x < -lambda), 0 otherwise",
    .kink = "f'(+-lambda) = 0 (PyTorch)",
    .notes = "lambda = 0.5 as in PyTorch and Keras. The proximal operator of lambda*|x| (soft "
             "thresholding).",
    .reference = "D. L. Donoho, 1995, De-noising by soft-thresholding",
    .nparams = 1,
    .params = {{"lambda", 0.5, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR,
                "threshold (fixed; 0 would be the identity)"}},
    .f = softshrink_f,
    .df = shrink_df,
    .dp = softshrink_dp,
    .df_from_y = shrink_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* Ramp (darknet) ----------------------------------------------------------------- */
static double ramp_f(double x, const double *p)
{
    (void)p;
    return x > 0 ? 1.1 * x : 0.1 * x;
}
static double ramp_df(double x, const double *p)
{
    (void)p;
    return x > 0 ? 1.1 : 0.1;
}
static double ramp_dy(double y, const double *p)
{
    (void)p;
    return y > 0 ? 1.1 : 0.1;
}
const activ_entry activ_entry_ramp = {
    .name = "ramp",
    .title = "Ramp (darknet)",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"darknet", "ramp", NULL}},
    .formula = "max(0, x) + 0.1*x: 1.1*x for x > 0, 0.1*x otherwise",
    .derivative = "1.1 for x > 0, 0.1 otherwise",
    .kink = "f'(0) = 0.1 (darknet's gradient uses x > 0)",
    .notes = "darknet's fixed 'ramp' activation (x*(x>0) + .1*x); a leaky ReLU with slope 1/11 "
             "scaled by 1.1. Not the ramp function max(0, x) of other texts.",
    .reference = "J. Redmon, 2013-2016, Darknet: open source neural networks in C "
                 "(src/activations.h; no paper)",
    .f = ramp_f,
    .df = ramp_df,
    .df_from_y = ramp_dy,
    .bound = ACTIV_BOUND_1ULP,
};
