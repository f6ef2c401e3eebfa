/*
 * Linear, logistic-sigmoid and tanh family (survey sections 2-3, Table 2),
 * with the framework staples built from them (hard sigmoid, log-sigmoid,
 * tanhshrink, hardtanh, softsign, darknet's loggy).
 *
 * Kink convention, shared with PyTorch: where one-sided derivatives differ,
 * f' takes the left piece's value (masks written 1[x > k]), except for the
 * clipping functions (hardsigmoid, hardtanh), where PyTorch gives 0 at both
 * ends of the linear piece, as here.
 *
 * Numerics: sigmoid differences such as 4 sigma(x) - 2 are written as tanh
 * of half the argument; x - tanh x uses its series near 0; derivatives with
 * a zero at a fixed point (ReSech, SiLU) are written in a form whose
 * cancellation is exact there; far tails are written in e^{-|x|} so that no
 * exponential overflows.
 */
#include "entry.h"

/* sign(v) with sign(0) = 0 (the gradient of |v| at 0, as in PyTorch). */
static double sgn0(double v)
{
    return (double)((v > 0) - (v < 0));
}

/* c e^t for t <= 0 and |c| <= |t|^2 (c = x, 1 + x/beta, (x/beta)^2 in the SRS tails).
   Where e^t alone would be subnormal, exp(t + ln|c|) rounds the product once
   instead of multiplying a subnormal that has lost most of its bits. */
static double mul_exp(double c, double t)
{
    if (c == 0 || t < -800) return copysign(0.0, c);
    if (t < -700 && fabs(c) > 1) return copysign(exp(t + log(fabs(c))), c);
    return c * exp(t);
}

/* Linear / identity ---------------------------------------------------------- */
static double linear_f(double x, const double *p)
{
    return ax_mul0(p[0], x);
}
static double linear_df(double x, const double *p)
{
    (void)x;
    return p[0];
}
static void linear_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = x;
}
static double linear_dy(double y, const double *p)
{
    (void)y;
    return p[0];
}
const activ_entry activ_entry_linear = {
    .name = "linear",
    .title = "Linear (identity)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "identity", NULL}, {"torch", "Identity", NULL}, {"keras", "linear", NULL},
                {"onnx", "Identity", NULL}, {"darknet", "linear", NULL}, {"dnnl", "eltwise_linear", NULL}},
    .formula = "c*x",
    .derivative = "c; d/dc = x",
    .notes = "c = 1 (the identity) is the default and the only value the frameworks' identity/linear "
             "names mean. oneDNN's eltwise_linear is alpha*x + beta; it matches with beta = 0 and "
             "c = alpha.",
    .reference = "B. Widrow, M. E. Hoff, 1960, Adaptive switching circuits (the linear unit; survey "
                 "section 2)",
    .nparams = 1,
    .params = {{"c", 1.0, -INFINITY, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "slope (fixed)"}},
    .f = linear_f,
    .df = linear_df,
    .dp = linear_dp,
    .df_from_y = linear_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* Logistic sigmoid ------------------------------------------------------------- */
static double sigmoid_f(double x, const double *p)
{
    (void)p;
    return ax_sigmoid(x);
}
static double sigmoid_df(double x, const double *p)
{
    (void)p;
    return ax_dsigmoid(x);
}
static double sigmoid_dy(double y, const double *p)
{
    (void)p;
    return y * (1.0 - y);
}
const activ_entry activ_entry_sigmoid = {
    .name = "sigmoid",
    .title = "Logistic sigmoid",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "logistic", NULL}, {"torch", "Sigmoid", NULL}, {"keras", "sigmoid", NULL},
                {"onnx", "Sigmoid", NULL}, {"dnnl", "eltwise_logistic", NULL}, {"darknet", "logistic", NULL},
                {"ggml", "sigmoid", NULL}, {"tf", "sigmoid", NULL}},
    .formula = "sigma(x) = 1/(1 + e^-x)",
    .derivative = "sigma(x)(1 - sigma(x)) = sigma(x) sigma(-x)",
    .notes = "Range (0, 1). Computed on the sign of x so that e^-x never overflows; the derivative "
             "as sigma(x) sigma(-x) keeps full relative accuracy in both tails. From the output: "
             "y(1 - y).",
    .reference = "D. E. Rumelhart, G. E. Hinton, R. J. Williams, 1986, Learning representations by "
                 "back-propagating errors",
    .f = sigmoid_f,
    .df = sigmoid_df,
    .df_from_y = sigmoid_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Tanh -------------------------------------------------------------------------- */
static double tanh_f(double x, const double *p)
{
    (void)p;
    return tanh(x);
}
static double tanh_df(double x, const double *p)
{
    (void)p;
    return ax_sech2(x);
}
static double tanh_dy(double y, const double *p)
{
    (void)p;
    return (1.0 - y) * (1.0 + y);
}
const activ_entry activ_entry_tanh = {
    .name = "tanh",
    .title = "Tanh",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Tanh", NULL}, {"keras", "tanh", NULL}, {"onnx", "Tanh", NULL},
                {"dnnl", "eltwise_tanh", NULL}, {"darknet", "tanh", NULL}, {"ggml", "tanh", NULL},
                {"tf", "tanh", NULL}},
    .formula = "tanh(x) = (e^x - e^-x)/(e^x + e^-x)",
    .derivative = "1 - tanh^2(x) = sech^2(x)",
    .notes = "Range (-1, 1), zero-centred. The derivative is computed as sech^2 x, which keeps its "
             "relative accuracy in the tails where 1 - tanh^2 x cancels. From the output: "
             "(1 - y)(1 + y).",
    .reference = "Y. LeCun, L. Bottou, G. B. Orr, K.-R. Mueller, 1998, Efficient BackProp",
    .f = tanh_f,
    .df = tanh_df,
    .df_from_y = tanh_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Scaled tanh (LeCun) -------------------------------------------------------------- */
static double stanh_f(double x, const double *p)
{
    return p[0] * tanh(p[1] * x);
}
static double stanh_df(double x, const double *p)
{
    return p[0] * p[1] * ax_sech2(p[1] * x);
}
static void stanh_dp(double x, const double *p, double *g)
{
    g[0] = tanh(p[1] * x);
    g[1] = p[0] * ax_mul0(x, ax_sech2(p[1] * x));
}
static double stanh_dy(double y, const double *p)
{
    return p[1] / p[0] * (p[0] - y) * (p[0] + y);
}
const activ_entry activ_entry_stanh = {
    .name = "stanh",
    .title = "Scaled tanh (sTanh)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "scaled_tanh", NULL}, {"", "lecun_tanh", NULL}},
    .formula = "A*tanh(B*x)",
    .derivative = "A*B*sech^2(B*x); d/dA = tanh(B*x); d/dB = A*x*sech^2(B*x)",
    .notes = "LeCun et al.'s constants A = 1.7159, B = 2/3 (f(+-1) = +-1, largest curvature at +-1) "
             "are the defaults; the survey gives only 'A, B'. Fixed constants in the original; the "
             "survey marks sTanh parametric, and dp gives the gradients for callers that learn "
             "them. Range (-A, A). From the output: (B/A)(A - y)(A + y).",
    .reference = "Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, 1998, Gradient-based learning applied to "
                 "document recognition (appendix A)",
    .nparams = 2,
    .params = {{"A", 1.7159, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "output scale (fixed)"},
               {"B", 2.0 / 3.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "input scale (fixed)"}},
    .f = stanh_f,
    .df = stanh_df,
    .dp = stanh_dp,
    .df_from_y = stanh_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Parametric sigmoid function -------------------------------------------------------- */
/* sigma(x)^m = exp(m ln sigma(x)) = exp(-m softplus(-x)): no underflow of sigma before the power. */
static double psf_f(double x, const double *p)
{
    return exp(-p[0] * ax_softplus(-x));
}
static double psf_df(double x, const double *p)
{
    return p[0] * psf_f(x, p) * ax_sigmoid(-x);
}
static void psf_dp(double x, const double *p, double *g)
{
    g[0] = -ax_mul0(psf_f(x, p), ax_softplus(-x));
}
static double psf_dy(double y, const double *p)
{
    /* sigma = y^(1/m), so f' = m y (1 - y^(1/m)) */
    if (y <= 0) return 0.0;
    return -p[0] * y * expm1(log(y) / p[0]);
}
const activ_entry activ_entry_psf = {
    .name = "psf",
    .title = "Parametric sigmoid function (PSF)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "parametric_sigmoid", NULL}},
    .formula = "sigma(x)^m = 1/(1 + e^-x)^m",
    .derivative = "m*f*(1 - sigma(x)) = m*f*sigma(-x); d/dm = f*ln(sigma(x)) = -f*softplus(-x)",
    .notes = "m = 1 (the logistic sigmoid) is the default chosen here: the original paper's value of m "
             "is not verified from the primary source, and the survey only says a larger m improves "
             "gradient flow. m is a fixed hyper-parameter as in the survey; its title ('an activation "
             "function adapting training algorithm') suggests m may be adapted, and dp gives df/dm "
             "for callers that do. Computed as exp(-m*softplus(-x)), so it stays accurate where "
             "sigma(x) itself would underflow. Range (0, 1). From the output: m*y*(1 - y^(1/m)).",
    .reference = "P. Chandra, Y. Singh, 2004, An activation function adapting training algorithm for "
                 "sigmoidal feedforward networks",
    .nparams = 1,
    .params = {{"m", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "exponent (fixed; m = 1 is the sigmoid)"}},
    .f = psf_f,
    .df = psf_df,
    .dp = psf_dp,
    .df_from_y = psf_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* ReSech --------------------------------------------------------------------------- */
static double resech_f(double x, const double *p)
{
    (void)p;
    if (isinf(x)) return copysign(0.0, x);
    return x / cosh(x); /* cosh overflows to inf past |x| ~ 710, giving the right +-0 */
}
static double resech_df(double x, const double *p)
{
    (void)p;
    /* sech(x)(1 - x tanh x), even in x.  With u = |x| and q = e^{-2u}:
       1 - u tanh u = (1 - u + q(1 + u))/(1 + q): 1 - u and 1 + u are exact near the
       zero at u = 1.19967864, so only q's rounding is left there. */
    double u = fabs(x), q = exp(-2.0 * u);
    double h = fma(q, 1.0 + u, 1.0 - u) / (1.0 + q);
    double sech = 2.0 * exp(-u) / (1.0 + q);
    return ax_mul0(sech, h);
}
const activ_entry activ_entry_resech = {
    .name = "resech",
    .title = "Rectified hyperbolic secant (ReSech)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x*sech(x)",
    .derivative = "sech(x)*(1 - x*tanh(x))",
    .notes = "Odd and hump-shaped, not monotonic: range [-0.66274, 0.66274] with extrema at "
             "x = +-1.19968 (the survey's [-1, 1] is an erratum), and f -> 0 in both tails.",
    .reference = "S. Njikam, H. Zhao, 2016, A novel activation function for multilayer feed-forward "
                 "neural networks",
    .f = resech_f,
    .df = resech_df,
    .bound = ACTIV_BOUND_1ULP,
};

/* Scaled sigmoid: 4 sigma(x) - 2 = 2 tanh(x/2) ---------------------------------------------- */
static double ssigmoid_f(double x, const double *p)
{
    (void)p;
    return 2.0 * tanh(0.5 * x);
}
static double ssigmoid_df(double x, const double *p)
{
    (void)p;
    return 4.0 * ax_dsigmoid(x);
}
static double ssigmoid_dy(double y, const double *p)
{
    (void)p;
    return 0.25 * (2.0 - y) * (2.0 + y);
}
const activ_entry activ_entry_ssigmoid = {
    .name = "ssigmoid",
    .title = "Scaled sigmoid (sSigmoid)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "scaled_sigmoid", NULL}},
    .formula = "4*sigma(x) - 2",
    .derivative = "4*sigma(x)*(1 - sigma(x))",
    .notes = "Range (-2, 2). Computed as the identical 2*tanh(x/2), which avoids the cancellation of "
             "4 sigma(x) - 2 near 0. From the output: (2 - y)(2 + y)/4.",
    .reference = "B. Xu, R. Huang, M. Li, 2016, Revise saturated activation functions",
    .f = ssigmoid_f,
    .df = ssigmoid_df,
    .df_from_y = ssigmoid_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Penalized tanh ------------------------------------------------------------------------------ */
static double ptanh_f(double x, const double *p)
{
    double t = tanh(x);
    return x > 0 ? t : p[0] * t;
}
static double ptanh_df(double x, const double *p)
{
    return (x > 0 ? 1.0 : p[0]) * ax_sech2(x);
}
static void ptanh_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = x > 0 ? 0.0 : tanh(x);
}
static double ptanh_dy(double y, const double *p)
{
    if (y > 0) return (1.0 - y) * (1.0 + y);
    if (p[0] == 0) return 0.0;
    return (p[0] - y) * (p[0] + y) / p[0];
}
const activ_entry activ_entry_ptanh = {
    .name = "ptanh",
    .title = "Penalized tanh (pTanh)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "penalized_tanh", NULL}},
    .formula = "tanh(x) for x > 0; a*tanh(x) otherwise",
    .derivative = "sech^2(x) for x > 0, a*sech^2(x) otherwise; d/da = tanh(x) for x <= 0",
    .kink = "f'(0) = a (the left piece, as for Leaky ReLU)",
    .notes = "a = 0.25 as in Xu et al. and Eger et al.; not verified from the primary source. Some "
             "write the negative branch tanh(x)/a with a > 1; that is a here set to 1/a. Range "
             "(-a, 1). From the output: 1 - y^2 for y > 0, (a^2 - y^2)/a otherwise.",
    .reference = "B. Xu, R. Huang, M. Li, 2016, Revise saturated activation functions",
    .nparams = 1,
    .params = {{"a", 0.25, 0.0, 1.0, 0, ACTIV_SHARE_SCALAR, "scale of the negative branch (fixed)"}},
    .f = ptanh_f,
    .df = ptanh_df,
    .dp = ptanh_dp,
    .df_from_y = ptanh_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Hexpo ------------------------------------------------------------------------------- */
/* p = a, b, c, d */
static double hexpo_f(double x, const double *p)
{
    return x > 0 ? -p[0] * expm1(-x / p[1]) : p[2] * expm1(x / p[3]);
}
static double hexpo_df(double x, const double *p)
{
    return x > 0 ? p[0] / p[1] * exp(-x / p[1]) : p[2] / p[3] * exp(x / p[3]);
}
static void hexpo_dp(double x, const double *p, double *g)
{
    if (x > 0) {
        double t = x / p[1];
        g[0] = -expm1(-t);
        g[1] = -p[0] / p[1] * ax_mul0(t, exp(-t));
        g[2] = g[3] = 0.0;
    } else {
        double t = x / p[3];
        g[0] = g[1] = 0.0;
        g[2] = expm1(t);
        g[3] = -p[2] / p[3] * ax_mul0(t, exp(t));
    }
}
static double hexpo_dy(double y, const double *p)
{
    /* x > 0: e^{-x/b} = 1 - y/a; x <= 0: e^{x/d} = 1 + y/c */
    return y > 0 ? (p[0] - y) / p[1] : (p[2] + y) / p[3];
}
const activ_entry activ_entry_hexpo = {
    .name = "hexpo",
    .title = "Hexpo",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "-a*(e^(-x/b) - 1) for x > 0; c*(e^(x/d) - 1) otherwise",
    .derivative = "(a/b)*e^(-x/b) for x > 0, (c/d)*e^(x/d) otherwise; for x > 0: d/da = 1 - e^(-x/b), "
                  "d/db = -a*x*e^(-x/b)/b^2; for x <= 0: d/dc = e^(x/d) - 1, d/dd = -c*x*e^(x/d)/d^2",
    .kink = "where a/b != c/d, f'(0) = c/d (the left piece)",
    .notes = "Bounded: range (-c, a). C1 only when a/b = c/d. The defaults a = b = c = d = 1 (an odd "
             "function, C1, slope 1 at 0) are chosen here; the original paper's values are not "
             "verified from the primary source. All four are fixed hyper-parameters. Computed with "
             "expm1. From the output: (a - y)/b for y > 0, (c + y)/d otherwise.",
    .reference = "S. Kong, M. Takatsuka, 2017, Hexpo: A vanishing-proof activation function",
    .nparams = 4,
    .params = {{"a", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "positive limit (fixed)"},
               {"b", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "positive-side scale (fixed)"},
               {"c", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "negative limit is -c (fixed)"},
               {"d", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "negative-side scale (fixed)"}},
    .f = hexpo_f,
    .df = hexpo_df,
    .dp = hexpo_dp,
    .df_from_y = hexpo_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Improved logistic sigmoid --------------------------------------------------------------- */
/* p = a, alpha */
static double isigmoid_f(double x, const double *p)
{
    double a = p[0], al = p[1];
    if (x > a) return fma(al, x - a, ax_sigmoid(a));
    if (x > -a) return ax_sigmoid(x);
    return fma(al, x + a, ax_sigmoid(-a)); /* fma: the zero crossing cancels exactly */
}
static double isigmoid_df(double x, const double *p)
{
    return (x > p[0] || x <= -p[0]) ? p[1] : ax_dsigmoid(x);
}
static void isigmoid_dp(double x, const double *p, double *g)
{
    double a = p[0], al = p[1];
    if (x > a) {
        g[0] = ax_dsigmoid(a) - al;
        g[1] = x - a;
    } else if (x > -a) {
        g[0] = g[1] = 0.0;
    } else {
        g[0] = al - ax_dsigmoid(a);
        g[1] = x + a;
    }
}
static double isigmoid_dy(double y, const double *p)
{
    /* alpha > 0 makes f increasing, so y says which piece x is on */
    if (y > ax_sigmoid(p[0]) || y <= ax_sigmoid(-p[0])) return p[1];
    return y * (1.0 - y);
}
const activ_entry activ_entry_isigmoid = {
    .name = "isigmoid",
    .title = "Improved logistic sigmoid (ISigmoid)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "improved_sigmoid", NULL}},
    .formula = "alpha*(x - a) + sigma(a) for x >= a; sigma(x) for -a < x < a; "
               "alpha*(x + a) + sigma(-a) for x <= -a",
    .derivative = "alpha outside (-a, a], sigma(x)(1 - sigma(x)) inside; d/dalpha = x - a for x > a, "
                  "x + a for x <= -a, 0 inside; d/da = sigma'(a) - alpha for x > a, alpha - sigma'(a) "
                  "for x <= -a, 0 inside",
    .kink = "at x = a and x = -a (unless alpha = sigma'(a)) f' takes the left piece: sigma'(a) at a, "
            "alpha at -a",
    .notes = "Erratum: the survey prints sigma(a) in the last branch, which makes f jump at -a; the "
             "continuous sigma(-a) is used. The defaults a = 3, alpha = 0.01 are chosen here (the "
             "original paper's values are not verified from the primary source); alpha = sigma'(a) "
             "would make f C1. Both are fixed hyper-parameters. alpha > 0 keeps f increasing and "
             "unbounded. From the output: alpha for y > sigma(a) or y <= sigma(-a), y(1 - y) "
             "otherwise.",
    .reference = "Y. Qin, X. Wang, J. Zou, 2018, The optimized deep belief networks with improved "
                 "logistic sigmoid units and their application in fault diagnosis for planetary "
                 "gearboxes of wind turbines",
    .nparams = 2,
    .params = {{"a", 3.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "half-width of the sigmoid piece (fixed)"},
               {"alpha", 0.01, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "slope of the linear pieces (fixed)"}},
    .f = isigmoid_f,
    .df = isigmoid_df,
    .dp = isigmoid_dp,
    .df_from_y = isigmoid_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* SiLU ---------------------------------------------------------------------------------- */
static double silu_f(double x, const double *p)
{
    (void)p;
    return ax_mul0(x, ax_sigmoid(x));
}
static double silu_df(double x, const double *p)
{
    (void)p;
    if (x >= 0) return ax_sigmoid(x) * (1.0 + ax_mul0(x, ax_sigmoid(-x)));
    /* sigma(x)(1 + x sigma(-x)) = sigma(x) sigma(-x) (1 + x + e^x): 1 + x is exact near the
       zero at x = -1.27846, so only e^x's rounding is left there. */
    return ax_mul0(ax_dsigmoid(x), 1.0 + x + exp(x));
}
const activ_entry activ_entry_silu = {
    .name = "silu",
    .title = "SiLU (Swish-1)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "swish_1", NULL}, {"torch", "SiLU", NULL}, {"keras", "silu", NULL},
                {"keras", "swish", NULL}, {"ggml", "silu", NULL}, {"darknet", "swish", NULL},
                {"dnnl", "eltwise_swish", NULL}, {"tf", "silu", NULL}},
    .formula = "x*sigma(x)",
    .derivative = "sigma(x)*(1 + x*(1 - sigma(x))) = f + sigma(x)*(1 - f)",
    .notes = "Swish with beta = 1 ('Swish-1'); the 'swish' entry has the trainable beta. Keras's and "
             "darknet's 'swish' and oneDNN's eltwise_swish with alpha = 1 are this function. "
             "Not monotonic: minimum -0.27846 at x = -1.27846 (the survey's (-0.5, inf) is an "
             "erratum).",
    .reference = "S. Elfwing, E. Uchibe, K. Doya, 2018, Sigmoid-weighted linear units for neural "
                 "network function approximation in reinforcement learning",
    .f = silu_f,
    .df = silu_df,
    .bound = ACTIV_BOUND_1ULP,
};

/* LiSHT ------------------------------------------------------------------------------------ */
static double lisht_f(double x, const double *p)
{
    (void)p;
    return x * tanh(x);
}
static double lisht_df(double x, const double *p)
{
    (void)p;
    return tanh(x) + ax_mul0(x, ax_sech2(x));
}
const activ_entry activ_entry_lisht = {
    .name = "lisht",
    .title = "LiSHT (linearly scaled hyperbolic tangent)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x*tanh(x)",
    .derivative = "tanh(x) + x*sech^2(x)",
    .notes = "Even, range [0, inf), not monotonic. One of the survey's 18 benchmarked functions "
             "(benchmark code: x*tanh(x), as here).",
    .reference = "S. K. Roy, S. Manna, S. R. Dubey, B. B. Chaudhuri, 2019, LiSHT: Non-parametric "
                 "linearly scaled hyperbolic tangent activation function for neural networks",
    .f = lisht_f,
    .df = lisht_df,
    .bound = ACTIV_BOUND_1ULP,
};

/* Elliott (the survey's) -------------------------------------------------------------------- */
static double elliott_f(double x, const double *p)
{
    (void)p;
    /* 0.5x/(1+|x|) + 0.5 = 1 - 0.5/(1+x) for x >= 0 and 0.5/(1-x) for x < 0: no cancellation */
    return x >= 0 ? 1.0 - 0.5 / (1.0 + x) : 0.5 / (1.0 - x);
}
static double elliott_df(double x, const double *p)
{
    (void)p;
    double u = 1.0 + fabs(x);
    return 0.5 / (u * u);
}
static double elliott_dy(double y, const double *p)
{
    (void)p;
    double m = y < 0.5 ? y : 1.0 - y;
    return 2.0 * m * m;
}
const activ_entry activ_entry_elliott = {
    .name = "elliott",
    .title = "Elliott",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "0.5*x/(1 + |x|) + 0.5",
    .derivative = "0.5/(1 + |x|)^2",
    .notes = "The survey's (and its benchmark code's) Elliott function, a sigmoid-like map onto "
             "(0, 1): the softsign x/(1 + |x|) shifted and halved. Elsewhere 'Elliott' sometimes "
             "names the softsign itself, range (-1, 1): that is the 'softsign' entry. f' is "
             "continuous; f'' jumps at 0. From the output: 2*min(y, 1 - y)^2.",
    .reference = "A. Farzad, H. Mashayekhi, H. Hassanpour, 2019, A comparative performance analysis of "
                 "different activation functions in LSTM networks for classification (after D. L. "
                 "Elliott, 1993, A better activation function for artificial neural networks)",
    .f = elliott_f,
    .df = elliott_df,
    .df_from_y = elliott_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Softsign ---------------------------------------------------------------------------------- */
static double softsign_f(double x, const double *p)
{
    (void)p;
    if (isinf(x)) return copysign(1.0, x);
    return x / (1.0 + fabs(x));
}
static double softsign_df(double x, const double *p)
{
    (void)p;
    double u = 1.0 + fabs(x);
    return 1.0 / (u * u);
}
static double softsign_dy(double y, const double *p)
{
    (void)p;
    double u = 1.0 - fabs(y);
    return u * u;
}
const activ_entry activ_entry_softsign = {
    .name = "softsign",
    .title = "Softsign",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Softsign", NULL}, {"keras", "softsign", NULL}, {"onnx", "Softsign", NULL},
                {"tf", "softsign", NULL}},
    .formula = "x/(1 + |x|)",
    .derivative = "1/(1 + |x|)^2",
    .notes = "Range (-1, 1), approaching its limits polynomially rather than exponentially. Sometimes "
             "called the Elliott function; the survey's 'Elliott' is (softsign(x) + 1)/2, the "
             "'elliott' entry. From the output: (1 - |y|)^2.",
    .reference = "J. Turian, J. Bergstra, Y. Bengio, 2009, Quadratic features and deep architectures "
                 "for chunking",
    .f = softsign_f,
    .df = softsign_df,
    .df_from_y = softsign_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Soft-root-sign: the paper's formula ---------------------------------------------------------- */
/*
 * x/(x/alpha + e^{-x/beta}).  For x < 0 numerator and denominator are
 * multiplied by E = e^{x/beta} <= 1, so nothing overflows:
 *   f = xE/G, G = 1 + xE/alpha;  f' = E(1 + x/beta)/G^2;  d/dbeta = -(x/beta)^2 E/G^2.
 * G >= 1 - beta/(e alpha) > 0 on the valid ranges (x e^{x/beta} >= -beta/e).
 */
static double srs_f(double x, const double *p)
{
    double al = p[0], be = p[1];
    if (x < 0) {
        double xe = mul_exp(x, x / be);
        return xe / (1.0 + xe / al);
    }
    if (isinf(x)) return al;
    return x / (x / al + exp(-x / be));
}
static double srs_df(double x, const double *p)
{
    double al = p[0], be = p[1];
    double s = (x + be) / be; /* 1 + x/beta, exact rounding at the minimum x = -beta */
    if (x < 0) {
        double t = x / be, g = 1.0 + mul_exp(x, t) / al;
        return mul_exp(s, t) / (g * g);
    }
    if (isinf(x)) return 0.0;
    double e = exp(-x / be), d = x / al + e;
    return ax_mul0(e, s) / d / d;
}
static void srs_dp(double x, const double *p, double *g)
{
    double al = p[0], be = p[1];
    double f = srs_f(x, p), r = f / al;
    g[0] = r * r;
    if (x < 0) {
        double t = x / be, gg = 1.0 + mul_exp(x, t) / al;
        g[1] = -mul_exp(t * t, t) / (gg * gg);
    } else {
        double q = f / be;
        g[1] = -ax_mul0(q * q, exp(-x / be));
    }
}
const activ_entry activ_entry_srs = {
    .name = "srs",
    .title = "Soft-root-sign (SRS)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "soft_root_sign", NULL}},
    .formula = "x/(x/alpha + e^(-x/beta))",
    .derivative = "e^(-x/beta)*(1 + x/beta)/D^2 with D = x/alpha + e^(-x/beta); d/dalpha = (f/alpha)^2; "
                  "d/dbeta = -(f/beta)^2*e^(-x/beta)",
    .notes = "The paper's formula with its suggested initial alpha = 2, beta = 3 (both trainable; "
             "minimum -2.4625 at x = -beta, supremum alpha). D has real zeros (poles of f) unless "
             "beta < e*alpha; the ranges alpha >= 1.5, 0 < beta <= 4 keep every pair pole-free "
             "(e*1.5 > 4), so parameters drawn independently inside them are always valid. The "
             "survey's benchmark code computes a guarded variant with initial alpha = beta = 10: "
             "the 'srs_guarded' entry. Third-party copies with alpha and beta swapped (3, 2) exist. "
             "Not monotonic, so no backward from the output.",
    .reference = "Y. Zhou, D. Li, S. Huo, S.-Y. Kung, 2020, Soft-root-sign activation function",
    .nparams = 2,
    .params = {{"alpha", 2.0, 1.5, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MAX_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, "upper limit of f (trainable)"},
               {"beta", 3.0, 0.0, 4.0, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, "input scale of the exponential (trainable)"}},
    .f = srs_f,
    .df = srs_df,
    .dp = srs_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* Soft-root-sign: the survey benchmark code's guarded variant ---------------------------------- */
/*
 * x/(0.01 + x/A + e^{-x/B}), A = |alpha| + 0.01, B = |beta| + 0.01.  For
 * x < 0 scaled by E = e^{x/B} as in srs:  f = xE/G, G = 1 + 0.01E + xE/A;
 * f' = (0.01E^2 + E(1 + x/B))/G^2;  d/dB = -(x/B)^2 E/G^2.
 */
#define SRSG_EPS 0.01
static double srsg_f(double x, const double *p)
{
    double A = fabs(p[0]) + SRSG_EPS, B = fabs(p[1]) + SRSG_EPS;
    if (x < 0) {
        double t = x / B, xe = mul_exp(x, t);
        return xe / (1.0 + SRSG_EPS * exp(t) + xe / A);
    }
    if (isinf(x)) return A;
    return x / (SRSG_EPS + x / A + exp(-x / B));
}
static double srsg_df(double x, const double *p)
{
    double A = fabs(p[0]) + SRSG_EPS, B = fabs(p[1]) + SRSG_EPS;
    if (x < 0) {
        /* E (0.01 E + 1 + x/B)/G^2: the bracket has a zero near x = -1.0037 B.  There
           1 + x/B = ((x + |beta|) + 0.01)/B: x + |beta| is exact, so B's rounding
           does not enter the difference. */
        double t = x / B, e = exp(t), g = 1.0 + SRSG_EPS * e + mul_exp(x, t) / A;
        double s = fma(SRSG_EPS, e, ((x + fabs(p[1])) + SRSG_EPS) / B);
        return mul_exp(s, t) / (g * g);
    }
    if (isinf(x)) return 0.0;
    double s = (x + B) / B; /* 1 + x/B */
    double e = exp(-x / B), d = SRSG_EPS + x / A + e;
    return (SRSG_EPS + ax_mul0(e, s)) / d / d;
}
static void srsg_dp(double x, const double *p, double *g)
{
    double A = fabs(p[0]) + SRSG_EPS, B = fabs(p[1]) + SRSG_EPS;
    double f = srsg_f(x, p), r = f / A;
    g[0] = sgn0(p[0]) * r * r;
    double dB;
    if (x < 0) {
        double t = x / B, gg = 1.0 + SRSG_EPS * exp(t) + mul_exp(x, t) / A;
        dB = -mul_exp(t * t, t) / (gg * gg);
    } else {
        double q = f / B;
        dB = -ax_mul0(q * q, exp(-x / B));
    }
    g[1] = sgn0(p[1]) * dB;
}
const activ_entry activ_entry_srs_guarded = {
    .name = "srs_guarded",
    .title = "Soft-root-sign, benchmark-code variant",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x/(0.01 + x/(|alpha| + 0.01) + e^(-x/(|beta| + 0.01)))",
    .derivative = "(0.01 + e^(-x/B)*(1 + x/B))/D^2 with A = |alpha| + 0.01, B = |beta| + 0.01, "
                  "D = 0.01 + x/A + e^(-x/B); d/dalpha = sign(alpha)*(f/A)^2; "
                  "d/dbeta = -sign(beta)*(f/B)^2*e^(-x/B)",
    .notes = "What the survey's benchmark code (Activations.py) computes for 'SRS', not the paper's "
             "formula (that is the 'srs' entry): epsilon guards, absolute values and initial "
             "alpha = beta = 10 (commented 'for SENet18'; a commented-out alternative is 5, 3). "
             "One trainable scalar per module instance there. The guards do not remove the poles: "
             "D has real zeros when B/A is much above e; alpha >= 4 with |beta| <= 10.8 keeps "
             "every pair pole-free (B/A <= 10.81/4.01 < e). sign(0) = 0 in the gradients. For "
             "reproducing the benchmark's SRS numbers only.",
    .reference = "S. R. Dubey, S. K. Singh, B. B. Chaudhuri, 2022, Activation functions in deep learning: "
                 "a comprehensive survey and benchmark (code: shivram1987/ActivationFunctions)",
    .nparams = 2,
    .params = {{"alpha", 10.0, 4.0, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "upper limit of f is |alpha| + 0.01 (trainable)"},
               {"beta", 10.0, -10.8, 10.8, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR,
                "input scale of the exponential is |beta| + 0.01 (trainable)"}},
    .f = srsg_f,
    .df = srsg_df,
    .dp = srsg_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* Hard sigmoid ---------------------------------------------------------------------------------- */
/* p = slope, offset */
static double hardsigmoid_f(double x, const double *p)
{
    double u = fma(p[0], x, p[1]);
    return u <= 0 ? 0.0 : u >= 1 ? 1.0 : u;
}
static double hardsigmoid_df(double x, const double *p)
{
    double u = fma(p[0], x, p[1]);
    return (u > 0 && u < 1) ? p[0] : 0.0;
}
static void hardsigmoid_dp(double x, const double *p, double *g)
{
    double u = fma(p[0], x, p[1]);
    int in = u > 0 && u < 1;
    g[0] = in ? x : 0.0;
    g[1] = in ? 1.0 : 0.0;
}
static double hardsigmoid_dy(double y, const double *p)
{
    return (y > 0 && y < 1) ? p[0] : 0.0;
}
const activ_entry activ_entry_hardsigmoid = {
    .name = "hardsigmoid",
    .title = "Hard sigmoid",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Hardsigmoid", NULL}, {"keras", "hard_sigmoid", NULL},
                {"ggml", "hardsigmoid", NULL}, {"dnnl", "eltwise_hardsigmoid", NULL},
                {"onnx", "HardSigmoid", "slope=0.2,offset=0.5"},
                {"", "hard_sigmoid_keras2", "slope=0.2,offset=0.5"},
                {"", "hard_sigmoid_elish", "slope=0.5,offset=0.5"},
                {"keras", "sparse_sigmoid", "slope=0.5,offset=0.5"}},
    .formula = "clip(slope*x + offset, 0, 1)",
    .derivative = "slope where 0 < slope*x + offset < 1, else 0; d/dslope = x and d/doffset = 1 there, "
                  "else 0",
    .kink = "at both ends of the linear piece f' = 0 (PyTorch's convention)",
    .notes = "Three definitions are common. The default slope = 1/6, offset = 1/2 (relu6(x + 3)/6) is "
             "PyTorch's, Keras 3's and ggml's (Howard et al. 2019). Old Keras 2 and ONNX use "
             "0.2x + 0.5 (aliases hard_sigmoid_keras2, onnx.HardSigmoid). The survey's form, "
             "(x + 1)/2 clipped, from BinaryConnect and used inside HardELiSH (the survey's eq. 44 "
             "labels it HardELiSH), is also Keras 3's sparse_sigmoid (aliases hard_sigmoid_elish, "
             "keras.sparse_sigmoid). oneDNN's hardsigmoid takes alpha = slope, beta = offset. From "
             "the output: slope for 0 < y < 1, else 0.",
    .reference = "M. Courbariaux, Y. Bengio, J.-P. David, 2015, BinaryConnect: Training deep neural "
                 "networks with binary weights during propagations; default from A. Howard et al., "
                 "2019, Searching for MobileNetV3",
    .nparams = 2,
    .params = {{"slope", 1.0 / 6.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "slope of the linear piece (fixed)"},
               {"offset", 0.5, -INFINITY, INFINITY, ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "value at x = 0 before clipping (fixed)"}},
    .f = hardsigmoid_f,
    .df = hardsigmoid_df,
    .dp = hardsigmoid_dp,
    .df_from_y = hardsigmoid_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* Log-sigmoid ------------------------------------------------------------------------------------ */
static double logsigmoid_f(double x, const double *p)
{
    (void)p;
    return ax_log_sigmoid(x);
}
static double logsigmoid_df(double x, const double *p)
{
    (void)p;
    return ax_sigmoid(-x);
}
static double logsigmoid_dy(double y, const double *p)
{
    (void)p;
    return -expm1(y); /* sigma(x) = e^y, f' = 1 - sigma(x) */
}
const activ_entry activ_entry_logsigmoid = {
    .name = "logsigmoid",
    .title = "Log-sigmoid",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "LogSigmoid", NULL}, {"keras", "log_sigmoid", NULL}, {"tf", "log_sigmoid", NULL},
                {"", "log_sigmoid", NULL}},
    .formula = "ln(sigma(x)) = -ln(1 + e^-x)",
    .derivative = "1 - sigma(x) = sigma(-x)",
    .notes = "Computed as min(x, 0) - log1p(e^-|x|), as PyTorch does. Range (-inf, 0). oneDNN reaches "
             "it as soft_relu with alpha = -1. From the output: 1 - e^y = -expm1(y).",
    .reference = "A. Paszke et al., 2019, PyTorch: An imperative style, high-performance deep learning "
                 "library (LogSigmoid)",
    .f = logsigmoid_f,
    .df = logsigmoid_df,
    .df_from_y = logsigmoid_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Tanhshrink ------------------------------------------------------------------------------------- */
static double tanhshrink_f(double x, const double *p)
{
    (void)p;
    if (fabs(x) >= 0.125) return x - tanh(x);
    /* x - tanh x = x^3/3 - 2x^5/15 + 17x^7/315 - ...: the direct form loses all
       relative accuracy as x -> 0.  Terms to x^17 (error < 1e-18 relative). */
    double z = x * x;
    double s = -6404582.0 / 10854718875.0;
    s = s * z + 929569.0 / 638512875.0;
    s = s * z - 21844.0 / 6081075.0;
    s = s * z + 1382.0 / 155925.0;
    s = s * z - 62.0 / 2835.0;
    s = s * z + 17.0 / 315.0;
    s = s * z - 2.0 / 15.0;
    s = s * z + 1.0 / 3.0;
    return x * z * s;
}
static double tanhshrink_df(double x, const double *p)
{
    (void)p;
    double t = tanh(x);
    return t * t;
}
static double tanhshrink_dy(double y, const double *p)
{
    /* f is increasing, so f' = tanh^2(x) with x = f^-1(y), found by Newton's method
       on the odd function (y >= 0 by symmetry) from x0 = cbrt(3y) or y + 1. */
    double a = fabs(y);
    if (a == 0) return 0.0;
    if (isinf(a)) return 1.0;
    double x = a < 1 ? cbrt(3.0 * a) : a + 1.0;
    for (int i = 0; i < 100; i++) {
        double t = tanh(x), d = t * t;
        if (d == 0) break;
        double step = (tanhshrink_f(x, p) - a) / d;
        double nx = x - step;
        if (nx <= 0) nx = 0.5 * x; /* keep to the positive half */
        if (fabs(nx - x) <= 1e-15 * x) {
            x = nx;
            break;
        }
        x = nx;
    }
    double t = tanh(x);
    return t * t;
}
const activ_entry activ_entry_tanhshrink = {
    .name = "tanhshrink",
    .title = "Tanhshrink",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Tanhshrink", NULL}, {"keras", "tanh_shrink", NULL}, {"", "tanh_shrink", NULL}},
    .formula = "x - tanh(x)",
    .derivative = "tanh^2(x)",
    .notes = "Computed from its series x^3/3 - 2x^5/15 + ... for |x| < 1/8, where x - tanh x would "
             "lose its relative accuracy (PyTorch computes the difference directly). Increasing, so "
             "f' is a function of y, but not in closed form: the backward from the output inverts f "
             "by Newton's method and is slower than the one from x.",
    .reference = "A. Paszke et al., 2019, PyTorch: An imperative style, high-performance deep learning "
                 "library (Tanhshrink)",
    .f = tanhshrink_f,
    .df = tanhshrink_df,
    .df_from_y = tanhshrink_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Hardtanh ------------------------------------------------------------------------------------------- */
/* p = min_val, max_val */
static double hardtanh_f(double x, const double *p)
{
    return x <= p[0] ? p[0] : x >= p[1] ? p[1] : x;
}
static double hardtanh_df(double x, const double *p)
{
    return (x > p[0] && x < p[1]) ? 1.0 : 0.0;
}
static void hardtanh_dp(double x, const double *p, double *g)
{
    g[0] = x <= p[0] ? 1.0 : 0.0;
    g[1] = (x > p[0] && x >= p[1]) ? 1.0 : 0.0;
}
static double hardtanh_dy(double y, const double *p)
{
    return (y > p[0] && y < p[1]) ? 1.0 : 0.0;
}
const activ_entry activ_entry_hardtanh = {
    .name = "hardtanh",
    .title = "Hardtanh",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "Hardtanh", NULL}, {"keras", "hard_tanh", NULL}, {"darknet", "hardtan", NULL},
                {"dnnl", "eltwise_clip_v2", NULL}, {"", "hard_tanh", NULL}},
    .formula = "min(max(x, min_val), max_val)",
    .derivative = "1 for min_val < x < max_val, else 0; d/dmin_val = 1 for x <= min_val, "
                  "d/dmax_val = 1 for x >= max_val (else 0)",
    .kink = "f'(min_val) = f'(max_val) = 0 (PyTorch's convention)",
    .notes = "PyTorch's defaults min_val = -1, max_val = 1, also darknet's fixed 'hardtan' and Keras's "
             "hard_tanh. The ranges min_val <= 0 <= max_val keep min_val <= max_val for any pair; "
             "ReLU6 is min_val = 0, max_val = 6. oneDNN's clip_v2 takes alpha = min_val, "
             "beta = max_val and has this backward; its older eltwise_clip computes the same "
             "forward but passes the gradient at x = max_val. ONNX Clip has no clipping by "
             "default, so it is not an alias. From "
             "the output: 1 for min_val < y < max_val, else 0.",
    .reference = "R. Collobert, 2004, Large scale machine learning (PhD thesis; HardTanh in Torch)",
    .nparams = 2,
    .params = {{"min_val", -1.0, -INFINITY, 0.0, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR,
                "lower clip value (fixed)"},
               {"max_val", 1.0, 0.0, INFINITY, ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "upper clip value (fixed)"}},
    .f = hardtanh_f,
    .df = hardtanh_df,
    .dp = hardtanh_dp,
    .df_from_y = hardtanh_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* Loggy (darknet): 2 sigma(x) - 1 = tanh(x/2) ------------------------------------------------------ */
static double loggy_f(double x, const double *p)
{
    (void)p;
    return tanh(0.5 * x);
}
static double loggy_df(double x, const double *p)
{
    (void)p;
    return 2.0 * ax_dsigmoid(x);
}
static double loggy_dy(double y, const double *p)
{
    (void)p;
    return 0.5 * (1.0 - y) * (1.0 + y);
}
const activ_entry activ_entry_loggy = {
    .name = "loggy",
    .title = "Loggy (bipolar sigmoid)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"darknet", "loggy", NULL}, {"", "bipolar_sigmoid", NULL}},
    .formula = "2*sigma(x) - 1",
    .derivative = "2*sigma(x)*(1 - sigma(x)) = (1 - f^2)/2",
    .notes = "darknet's 'loggy'. Equal to tanh(x/2), which is how it is computed (no cancellation "
             "near 0). Range (-1, 1). From the output: (1 - y)(1 + y)/2.",
    .reference = "J. Redmon, 2013-2016, Darknet: Open source neural networks in C (activations.c)",
    .f = loggy_f,
    .df = loggy_df,
    .df_from_y = loggy_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* BDAA: bi-modal derivative adaptive activation ----------------------------------------------------- */
static double bdaa_f(double x, const double *p)
{
    return 0.5 * (ax_sigmoid(x) + ax_sigmoid(x + p[0]));
}
static double bdaa_df(double x, const double *p)
{
    return 0.5 * (ax_dsigmoid(x) + ax_dsigmoid(x + p[0]));
}
static void bdaa_dp(double x, const double *p, double *g)
{
    g[0] = 0.5 * ax_dsigmoid(x + p[0]);
}
static double bdaa_dy(double y, const double *p)
{
    /*
     * u = sigma(t), v = sigma(t + |a|) with u + v = 2y (which of x, x + a is t does not
     * matter: f' is symmetric in u, v).  logit v = logit u + |a| gives, with m = e^-|a|,
     *   (1 - m) u^2 + (1 + m - 2y(1 - m)) u - 2ym = 0.
     * f(x) = 1 - f(-x - a) and f' is the same at both points, so solve for w = min(y, 1 - y):
     * then u <= w <= v, and 1 - v = (1 - 2w) + u has no cancellation.
     */
    double w = y < 0.5 ? y : 1.0 - y;
    if (w <= 0) return 0.0;
    double m = exp(-fabs(p[0])), A = -expm1(-fabs(p[0]));
    double B = 1.0 + m - 2.0 * w * A;
    double disc = sqrt(B * B + 8.0 * A * w * m);
    double u = B >= 0 ? 4.0 * w * m / (B + disc) : (disc - B) / (2.0 * A);
    double v = 2.0 * w - u, v1 = (1.0 - 2.0 * w) + u;
    return 0.5 * (u * (1.0 - u) + v * v1);
}
const activ_entry activ_entry_bdaa = {
    .name = "bdaa",
    .title = "Bi-modal derivative adaptive activation (BDAA)",
    .family = ACTIV_FAMILY_SIGMOID_TANH,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "(sigma(x) + sigma(x + a))/2",
    .derivative = "(sigma'(x) + sigma'(x + a))/2 with sigma' = sigma(1 - sigma); d/da = sigma'(x + a)/2",
    .notes = "The survey prints (sigma(x) - sigma(x + a))/2, whose range [-1/2, 0] contradicts the "
             "stated [0, 1]; the sum, a mean of two shifted sigmoids with range (0, 1) and a "
             "derivative with two equal maxima (bimodal once |a| > 2 ln(2 + sqrt 3) = 2.634), "
             "matches the paper's title and abstract and is used here; the sign is not verified "
             "from the primary source. a is trainable; its initial value a = 4 is chosen here "
             "(bimodal; not from the paper). From the output: f' by solving a quadratic for "
             "sigma(x).",
    .reference = "A. Mishra, P. Chandra, U. Ghose, S. S. Sodhi, 2017, Bi-modal derivative adaptive "
                 "activation function sigmoidal feedforward artificial neural networks",
    .nparams = 1,
    .params = {{"a", 4.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN | ACTIV_P_MAX_OPEN,
                ACTIV_SHARE_ANY, "shift between the two sigmoids (trainable)"}},
    .f = bdaa_f,
    .df = bdaa_df,
    .dp = bdaa_dp,
    .df_from_y = bdaa_dy,
    .bound = ACTIV_BOUND_1ULP,
};
