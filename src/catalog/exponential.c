/*
 * ELU / exponential family (survey section 5, Table 4): units whose
 * negative side saturates through an exponential (or a deformed one).
 *
 * Kink convention, shared with PyTorch's ELU kernel: where the pieces meet
 * at 0, f'(0) takes the value of the x <= 0 piece (masks are 1[x > 0]).
 * Most entries are C1 at their defaults, so the convention only shows for
 * other parameter values (ELU with alpha != 1, SELU always).
 *
 * Numerics: every negative branch is written with expm1 (alpha*(e^x - 1)
 * loses all relative accuracy near 0 otherwise); products in which a tiny
 * exponential meets a large factor (x*e^(beta*x)) go through ax_mul0 so
 * that -inf gives the limit 0 rather than NaN.
 */
#include <float.h>

#include "entry.h"

static double xexp(double x, double z)
{
    return ax_prod_exp(x, 1.0, z);
}

/* ELU ---------------------------------------------------------------------- */
static double elu_f(double x, const double *p)
{
    return x > 0 ? x : p[0] * expm1(x);
}
static double elu_df(double x, const double *p)
{
    return x > 0 ? 1.0 : p[0] * exp(x);
}
static void elu_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = x > 0 ? 0.0 : expm1(x);
}
static double elu_dy(double y, const double *p)
{
    return y > 0 ? 1.0 : y + p[0];
}
const activ_entry activ_entry_elu = {
    .name = "elu",
    .title = "ELU",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "ELU", NULL}, {"keras", "elu", NULL}, {"onnx", "Elu", NULL},
                {"dnnl", "eltwise_elu", NULL}, {"darknet", "elu", NULL}, {"ggml", "elu", NULL},
                {"tf", "elu", NULL}},
    .formula = "x for x > 0; alpha*(e^x - 1) otherwise",
    .derivative = "1 for x > 0, alpha*e^x = f + alpha otherwise; d/dalpha = e^x - 1 for x <= 0",
    .kink = "none for alpha = 1; otherwise f'(0) = alpha (the x <= 0 piece, PyTorch's convention)",
    .notes = "alpha is a fixed hyper-parameter in the original and in PyTorch, Keras, ONNX and oneDNN "
             "(darknet and ggml hard-code 1); the survey calls it learnable. The range is (-alpha, "
             "inf); the survey's [-1, inf) holds only for alpha = 1. f is C1 only for alpha = 1.",
    .reference = "D.-A. Clevert, T. Unterthiner, S. Hochreiter, 2016, Fast and accurate deep network "
                 "learning by exponential linear units (ELUs)",
    .nparams = 1,
    .params = {{"alpha", 1.0, 0.0, INFINITY, 0, ACTIV_SHARE_SCALAR,
                "value the negative side saturates to, as -alpha (fixed)"}},
    .f = elu_f,
    .df = elu_df,
    .dp = elu_dp,
    .df_from_y = elu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* SELU --------------------------------------------------------------------- */
#define SELU_LAMBDA 1.0507009873554804934193349852946
#define SELU_ALPHA 1.6732632423543772848170429916717
#define SELU_LA 1.7580993408473768599402175208123 /* lambda*alpha, rounded once */
static double selu_f(double x, const double *p)
{
    (void)p;
    return x > 0 ? SELU_LAMBDA * x : SELU_LA * expm1(x);
}
static double selu_df(double x, const double *p)
{
    (void)p;
    return x > 0 ? SELU_LAMBDA : SELU_LA * exp(x);
}
static double selu_dy(double y, const double *p)
{
    (void)p;
    return y > 0 ? SELU_LAMBDA : y + SELU_LA;
}
const activ_entry activ_entry_selu = {
    .name = "selu",
    .title = "SELU",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "SELU", NULL}, {"keras", "selu", NULL}, {"onnx", "Selu", NULL},
                {"darknet", "selu", NULL}, {"tf", "selu", NULL}},
    .formula = "lambda*x for x > 0; lambda*alpha*(e^x - 1) otherwise, with lambda = "
               "1.0507009873554804934 and alpha = 1.6732632423543772848",
    .derivative = "lambda for x > 0, lambda*alpha*e^x = f + lambda*alpha otherwise",
    .kink = "f'(0) = lambda*alpha = 1.7581 (the x <= 0 piece; the x > 0 side has slope lambda)",
    .notes = "lambda and alpha are the exact constants of the self-normalising fixed point (the "
             "digits PyTorch uses), not parameters. Range (-lambda*alpha, inf) = (-1.7581, inf). "
             "darknet's selu rounds the constants to 1.0507 and 1.6732; ONNX's Selu defaults are "
             "the float-rounded constants.",
    .reference = "G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter, 2017, Self-normalizing "
                 "neural networks",
    .f = selu_f,
    .df = selu_df,
    .df_from_y = selu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* CELU --------------------------------------------------------------------- */
/* e^v - 1 - v*e^v (CELU's d/dalpha times 1): a series near 0, where the two
   parts cancel to -v^2/2. */
static double expm1_minus_vexp(double v)
{
    if (fabs(v) < 0.5) {
        /* -sum_{n>=2} (n-1) v^n / n! */
        double term = v * v / 2, sum = 0;
        for (int n = 2; n < 40; n++) {
            double t = (n - 1) * term;
            sum += t;
            if (fabs(t) <= 1e-18 * fabs(sum)) break;
            term *= v / (n + 1);
        }
        return -sum;
    }
    return expm1(v) - ax_mul0(v, exp(v));
}
static double celu_f(double x, const double *p)
{
    return x > 0 ? x : p[0] * expm1(x / p[0]);
}
static double celu_df(double x, const double *p)
{
    return x > 0 ? 1.0 : exp(x / p[0]);
}
static void celu_dp(double x, const double *p, double *g)
{
    g[0] = x > 0 ? 0.0 : expm1_minus_vexp(x / p[0]);
}
static double celu_dy(double y, const double *p)
{
    return y > 0 ? 1.0 : 1.0 + y / p[0];
}
const activ_entry activ_entry_celu = {
    .name = "celu",
    .title = "CELU",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "CELU", NULL}, {"keras", "celu", NULL}, {"onnx", "Celu", NULL}},
    .formula = "x for x > 0; alpha*(e^(x/alpha) - 1) otherwise",
    .derivative = "1 for x > 0, e^(x/alpha) = 1 + f/alpha otherwise; d/dalpha = e^(x/alpha) - 1 - "
                  "(x/alpha)*e^(x/alpha) for x <= 0",
    .notes = "C1 for every alpha > 0 (ELU is C1 only at alpha = 1). With alpha = 1 CELU is ELU. "
             "alpha is fixed in the original and in PyTorch; the survey calls it learnable. Range "
             "(-alpha, inf).",
    .reference = "J. T. Barron, 2017, Continuously differentiable exponential linear units",
    .nparams = 1,
    .params = {{"alpha", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR,
                "saturation value and input scale of the negative side (fixed)"}},
    .f = celu_f,
    .df = celu_df,
    .dp = celu_dp,
    .df_from_y = celu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* PELU --------------------------------------------------------------------- */
static double pelu_f(double x, const double *p)
{
    return x > 0 ? (p[0] / p[1]) * x : p[0] * expm1(x / p[1]);
}
static double pelu_df(double x, const double *p)
{
    double r = p[0] / p[1];
    return x > 0 ? r : r * exp(x / p[1]);
}
static void pelu_dp(double x, const double *p, double *g)
{
    double a = p[0], b = p[1], v = x / b;
    if (x > 0) {
        g[0] = v;
        g[1] = -(a / b) * v;
    } else {
        g[0] = expm1(v);
        g[1] = -(a / b) * xexp(v, v);
    }
}
static double pelu_dy(double y, const double *p)
{
    return y > 0 ? p[0] / p[1] : (y + p[0]) / p[1];
}
const activ_entry activ_entry_pelu = {
    .name = "pelu",
    .title = "PELU",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "(a/b)*x for x > 0; a*(e^(x/b) - 1) otherwise",
    .derivative = "a/b for x > 0, (a/b)*e^(x/b) = (f + a)/b otherwise; d/da = x/b or e^(x/b) - 1; "
                  "d/db = -a*x/b^2 or -(a*x/b^2)*e^(x/b)",
    .notes = "The survey prefixes a factor lambda that the original does not have; this is the "
             "original. a and b are learned and kept positive (the original clips them after each "
             "update); common implementations start at a = b = 1, where PELU is ELU. C1 for all "
             "a, b > 0. Range (-a, inf).",
    .reference = "L. Trottier, P. Giguere, B. Chaib-draa, 2017, Parametric exponential linear unit "
                 "for deep convolutional neural networks",
    .nparams = 2,
    .params = {{"a", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, "saturation value of the negative side (-a)"},
               {"b", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, "input scale of the exponential; slope a/b for x > 0"}},
    .f = pelu_f,
    .df = pelu_df,
    .dp = pelu_dp,
    .df_from_y = pelu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* MPELU -------------------------------------------------------------------- */
static double mpelu_f(double x, const double *p)
{
    return x > 0 ? x : p[0] * expm1(p[1] * x);
}
static double mpelu_df(double x, const double *p)
{
    return x > 0 ? 1.0 : p[0] * p[1] * exp(p[1] * x);
}
static void mpelu_dp(double x, const double *p, double *g)
{
    if (x > 0) {
        g[0] = g[1] = 0.0;
    } else {
        double z = p[1] * x;
        g[0] = expm1(z);
        g[1] = p[0] * xexp(x, z);
    }
}
static double mpelu_dy(double y, const double *p)
{
    return y > 0 ? 1.0 : p[1] * (y + p[0]);
}
const activ_entry activ_entry_mpelu = {
    .name = "mpelu",
    .title = "MPELU",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x for x > 0; alpha*(e^(beta*x) - 1) otherwise",
    .derivative = "1 for x > 0, alpha*beta*e^(beta*x) = beta*(f + alpha) otherwise; d/dalpha = "
                  "e^(beta*x) - 1, d/dbeta = alpha*x*e^(beta*x) for x <= 0",
    .kink = "none where alpha*beta = 1; otherwise f'(0) = alpha*beta (the x <= 0 piece)",
    .notes = "alpha and beta are learned per channel (channel-wise) or once per layer "
             "(channel-shared). Defaults alpha = beta = 1 (ELU), as in the authors' Caffe M2PELU "
             "layer and Torch nn.MPELU; their CIFAR runs also start from alpha = 0.25 (the value "
             "their PyTorch port uses). alpha = 0, beta > 0 gives ReLU; beta -> 0 with alpha*beta "
             "fixed gives PReLU. activ keeps alpha >= 0 (a negative alpha would make the x <= 0 "
             "side positive and f' no longer a function of the output).",
    .reference = "Y. Li, C. Fan, Y. Li, Q. Wu, Y. Ming, 2018, Improving deep neural network with "
                 "multiple parametric exponential linear units",
    .nparams = 2,
    .params = {{"alpha", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "saturation value of the negative side (-alpha)"},
               {"beta", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, "input scale of the exponential"}},
    .f = mpelu_f,
    .df = mpelu_df,
    .dp = mpelu_dp,
    .df_from_y = mpelu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* Soft exponential ----------------------------------------------------------- */
/*
 * For alpha > 0, f = (e^u - 1)/alpha + alpha with u = alpha*x.  Written as
 * e^u/alpha + (alpha - 1/alpha) when alpha >= 1 (two non-negative parts)
 * and as (1 - alpha^2)*expm1(u - u0)/alpha with u0 = ln(1 - alpha^2) when
 * alpha < 1, which keeps the relative accuracy where f tends to
 * alpha - 1/alpha for x -> -inf.  Far right, e^u/alpha is formed as
 * exp(u - ln alpha) so that it does not overflow before the result does.
 */
static double softexp_f(double x, const double *p)
{
    double a = p[0];
    if (a == 0) return x;
    double u = a * x, c = (a - 1) * (a + 1) / a; /* alpha - 1/alpha */
    if (a < 1) {
        double v = u - log1p(-a * a);
        if (v <= 700) return (1 - a) * (1 + a) * expm1(v) / a;
    }
    if (u > 700) return exp(u - log(a)) + c;
    return exp(u) / a + c;
}
static double softexp_df(double x, const double *p)
{
    double a = p[0];
    return a == 0 ? 1.0 : exp(a * x);
}
static void softexp_dp(double x, const double *p, double *g)
{
    double a = p[0];
    if (a == 0) {
        /* the limit alpha -> 0+: x^2/2 + 1 */
        g[0] = 0.5 * x * x + 1;
        return;
    }
    double u = a * x;
    if (fabs(u) < 0.5) {
        /* (u e^u - expm1 u)/a^2 = x^2 * sum_{n>=2} (n-1) u^(n-2) / n! */
        double term = 0.5, sum = 0; /* u^(n-2)/n! at n = 2 */
        for (int n = 2; n < 40; n++) {
            double t = (n - 1) * term;
            sum += t;
            if (fabs(t) <= 1e-18 * fabs(sum)) break;
            term *= u / (n + 1);
        }
        g[0] = x * x * sum + 1;
    } else if (u > 700) {
        g[0] = exp(u - 2 * log(a)) * (u - 1) + 1 / (a * a) + 1;
    } else if (u > 0) {
        g[0] = (exp(u) * (u - 1) + 1) / (a * a) + 1;
    } else {
        g[0] = (1 - ax_mul0(exp(u), 1 - u)) / (a * a) + 1;
    }
}
static double softexp_dy(double y, const double *p)
{
    return 1 + p[0] * (y - p[0]);
}
const activ_entry activ_entry_soft_exponential = {
    .name = "soft_exponential",
    .title = "Soft exponential",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x for alpha = 0; (e^(alpha*x) - 1)/alpha + alpha for alpha > 0",
    .derivative = "e^(alpha*x) = 1 + alpha*(f - alpha); d/dalpha = (alpha*x*e^(alpha*x) - "
                  "e^(alpha*x) + 1)/alpha^2 + 1 (x^2/2 + 1 at alpha = 0)",
    .notes = "The original interpolates logarithmic (alpha < 0), linear (alpha = 0) and exponential "
             "(alpha > 0) units with one learned alpha. Its logarithmic branch, -ln(1 - alpha*(x + "
             "alpha))/alpha, is defined only for x > 1/alpha - alpha, so activ keeps alpha >= 0, "
             "where f is finite on the whole line; the gradient at alpha = 0 is the one-sided "
             "limit. Default alpha = 0 (the identity), a neutral start; not verified from the "
             "primary source. Range (alpha - 1/alpha, inf) for alpha > 0.",
    .reference = "M. Godfrey, M. S. Gashler, 2015, A continuum among logarithmic, linear, and "
                 "exponential functions, and its potential to improve generalization in neural networks",
    .nparams = 1,
    .params = {{"alpha", 0.0, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY,
                "0: identity; > 0: exponential growth rate"}},
    .f = softexp_f,
    .df = softexp_df,
    .dp = softexp_dp,
    .df_from_y = softexp_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* ShELU: ELU shifted left by b. ------------------------------------------------ */
static double shelu_f(double x, const double *p)
{
    double t = x + p[0];
    return t > 0 ? t : expm1(t);
}
static double shelu_df(double x, const double *p)
{
    double t = x + p[0];
    return t > 0 ? 1.0 : exp(t);
}
static void shelu_dp(double x, const double *p, double *g)
{
    g[0] = shelu_df(x, p);
}
static double shelu_dy(double y, const double *p)
{
    (void)p;
    return y > 0 ? 1.0 : y + 1;
}
const activ_entry activ_entry_shelu = {
    .name = "shelu",
    .title = "ShELU",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "ELU(x + b) with alpha = 1: x + b for x + b > 0; e^(x + b) - 1 otherwise",
    .derivative = "1 for x + b > 0, e^(x + b) = f + 1 otherwise; d/db = f'(x)",
    .notes = "ELU (alpha = 1) shifted horizontally by a learned bias b, which moves the saturation "
             "onset; b = 0 (the default) is ELU. C1 everywhere. Range (-1, inf).",
    .reference = "B. Grelsson, M. Felsberg, 2018, Improved learning in convolutional neural networks "
                 "with shifted exponential linear units (ShELUs)",
    .nparams = 1,
    .params = {{"b", 0.0, -INFINITY, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_ANY,
                "horizontal shift: the unit is ELU(x + b)"}},
    .f = shelu_f,
    .df = shelu_df,
    .dp = shelu_dp,
    .df_from_y = shelu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* PREU ------------------------------------------------------------------------ */
static double preu_f(double x, const double *p)
{
    double a = p[0], b = p[1];
    if (x > 0) return ax_mul0(a, x);
    return ax_mul0(a, b == 0 ? x : xexp(x, b * x));
}
static double preu_df(double x, const double *p)
{
    double a = p[0], b = p[1];
    if (x > 0 || b == 0) return a;
    /* e^(bx)*(1 + bx), the last factor by fma so that it keeps its
       relative accuracy next to its zero at x = -1/b */
    return ax_mul0(a, xexp(fma(b, x, 1.0), b * x));
}
static void preu_dp(double x, const double *p, double *g)
{
    double a = p[0], b = p[1];
    if (x > 0) {
        g[0] = x;
        g[1] = 0.0;
        return;
    }
    double z = b == 0 ? 0.0 : b * x;
    g[0] = xexp(x, z);
    g[1] = ax_mul0(a, ax_prod_exp(x, x, z));
}
const activ_entry activ_entry_preu = {
    .name = "preu",
    .title = "PREU",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "alpha*x for x > 0; alpha*x*e^(beta*x) otherwise",
    .derivative = "alpha for x > 0, alpha*e^(beta*x)*(1 + beta*x) otherwise; d/dalpha = f/alpha; "
                  "d/dbeta = alpha*x^2*e^(beta*x) for x <= 0",
    .notes = "Not monotone for beta > 0: the minimum -alpha/(beta*e) is at x = -1/beta (the survey's "
             "range [-1, inf) is wrong in general). C1 at 0 for all alpha, beta. Defaults alpha = "
             "beta = 1 are not verified from the primary source.",
    .reference = "Y. Ying, J. Su, P. Shan, L. Miao, X. Wang, S. Peng, 2019, Rectified exponential "
                 "units for convolutional neural networks",
    .nparams = 2,
    .params = {{"alpha", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "overall scale"},
               {"beta", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "decay rate of the negative side"}},
    .f = preu_f,
    .df = preu_df,
    .dp = preu_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* FELU: MPELU's function with (alpha, s) for (alpha, beta); s is fixed. ------------ */
const activ_entry activ_entry_felu = {
    .name = "felu",
    .title = "FELU",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"", "felu_survey", "s=1.4426950408889634"}},
    .formula = "x for x > 0; alpha*(e^(s*x) - 1) otherwise (s = 1: the original's values)",
    .derivative = "1 for x > 0, alpha*s*e^(s*x) = s*(f + alpha) otherwise; d/dalpha = e^(s*x) - 1, "
                  "d/ds = alpha*x*e^(s*x) for x <= 0",
    .kink = "none for alpha*s = 1; otherwise f'(0) = alpha*s (the x <= 0 piece)",
    .notes = "The original computes alpha*(2^(x/ln 2) - 1) = alpha*(e^x - 1) with bit shifts, a "
             "fast ELU: the default s = 1 gives those values. The survey prints alpha*(e^(x/ln 2) - "
             "1), which looks like a transcription slip (2 became e); it is reachable as "
             "felu_survey (s = 1/ln 2). alpha is trainable per the survey's Table 4 (the original "
             "may fix it as ELU does: not verified).",
    .reference = "Z. Qiumei, T. Dan, W. Fengying, 2019, Improved convolutional neural network based "
                 "on fast exponentially linear unit activation function",
    .nparams = 2,
    .params = {{"alpha", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "saturation value of the negative side (-alpha)"},
               {"s", 1.0, 0.0, INFINITY, ACTIV_P_MIN_OPEN, ACTIV_SHARE_SCALAR,
                "input scale in the exponent (fixed): 1 = the original, 1/ln 2 = the survey's print"}},
    .f = mpelu_f,
    .df = mpelu_df,
    .dp = mpelu_dp,
    .df_from_y = mpelu_dy,
    .bound = ACTIV_BOUND_1ULP,
};

/* EELU: random elastic slope k on the positive side. ------------------------------ */
static double eelu_f(double x, const double *p)
{
    if (x > 0) return ax_mul0(p[3], x);
    return p[0] * expm1(p[1] == 0 ? 0.0 : p[1] * x);
}
static double eelu_df(double x, const double *p)
{
    if (x > 0) return p[3];
    return p[0] * p[1] * exp(p[1] == 0 ? 0.0 : p[1] * x);
}
static void eelu_dp(double x, const double *p, double *g)
{
    g[2] = 0.0;
    if (x > 0) {
        g[0] = g[1] = 0.0;
        g[3] = x;
        return;
    }
    double z = p[1] == 0 ? 0.0 : p[1] * x;
    g[0] = expm1(z);
    g[1] = p[0] * xexp(x, z);
    g[3] = 0.0;
}
static double eelu_dy(double y, const double *p)
{
    return y > 0 ? p[3] : p[1] * (y + p[0]);
}
static double eelu_draw(const double *p, double u, double z)
{
    double k = 1 + p[2] * u * z;
    return k < 0 ? 0.0 : k > 2 ? 2.0 : k;
}
static double eelu_expect(const double *p)
{
    (void)p;
    return 1.0;
}
const activ_entry activ_entry_eelu = {
    .name = "eelu",
    .title = "EELU",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_STOCHASTIC,
    .formula = "k*x for x > 0; alpha*(e^(beta*x) - 1) otherwise; k random in training, 1 in evaluation",
    .derivative = "k for x > 0, alpha*beta*e^(beta*x) = beta*(f + alpha) otherwise; d/dalpha = "
                  "e^(beta*x) - 1, d/dbeta = alpha*x*e^(beta*x) for x <= 0; d/dk = x for x > 0",
    .kink = "f'(0) = alpha*beta (the x <= 0 piece)",
    .notes = "The elastic slope k is drawn per element in training: sigma = eps*u with u ~ U[0,1), "
             "then k = 1 + sigma*z with z ~ N(0,1), clipped to [0, 2] (so E k = 1, the evaluation "
             "value). This follows a public PyTorch implementation (not verified against the paper), "
             "which draws one sigma ~ U(0, eps) per batch rather than per element (the same "
             "distribution for each k, without the correlation), uses eps = 1, alpha = 0.25, "
             "beta = 1 and applies the noise on every other training batch. alpha, beta >= 0 as "
             "that code clamps them. With k = 0, y = 0 for all x >= 0 and the backward from y "
             "returns the x = 0 value.",
    .reference = "D. Kim, J. Kim, J. Kim, 2020, Elastic exponential linear units for convolutional "
                 "neural networks",
    .nparams = 4,
    .params = {{"alpha", 0.25, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "saturation value of the negative side (-alpha)"},
               {"beta", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "input scale of the exponential"},
               {"eps", 1.0, 0.0, INFINITY, 0, ACTIV_SHARE_SCALAR,
                "upper bound of the noise level sigma ~ U(0, eps) (fixed)"},
               {"k", 1.0, 0.0, 2.0, ACTIV_P_RANDOM, ACTIV_SHARE_UNIT,
                "elastic slope for x > 0: random in training, 1 in evaluation"}},
    .f = eelu_f,
    .df = eelu_df,
    .dp = eelu_dp,
    .df_from_y = eelu_dy,
    .bound = ACTIV_BOUND_1ULP,
    .draw = eelu_draw,
    .expect = eelu_expect,
};

/* PDELU ---------------------------------------------------------------------- */
/*
 * For x <= 0 with c = 1 - t and u = 1 + c*x > 0: f = alpha*(u^(1/c) - 1),
 * computed as alpha*expm1(E) with E = ln(u)/c.  c is split into c_hi + c_lo
 * (1 - t is exact only for t >= 1/2), u by fma, and ln u by log1p(c*x) near
 * u = 1 and by log(u) near u = 0, so that each stays accurate where it
 * matters.  For u <= 0 the clamp [.]_+ makes f = -alpha.
 */
typedef struct {
    double u, w, L, E, c; /* u = 1 + w, w = c*x, L = ln u, E = L/c */
} pdelu_t;
static int pdelu_setup(double x, double t, pdelu_t *s)
{
    double c = 1 - t, clo = (1 - c) - t;
    s->c = c + clo;
    s->u = fma(c, x, 1.0) + clo * x;
    if (!(s->u > 0)) return 0;
    s->w = c * x + clo * x;
    s->L = s->u > 0.5 ? log1p(s->w) : log(s->u);
    s->E = s->L / c;
    s->E -= s->E * (clo / c);
    return 1;
}
static double pdelu_f(double x, const double *p)
{
    pdelu_t s;
    if (x > 0) return x;
    return pdelu_setup(x, p[1], &s) ? p[0] * expm1(s.E) : -p[0];
}
static double pdelu_df(double x, const double *p)
{
    pdelu_t s;
    if (x > 0) return 1.0;
    return pdelu_setup(x, p[1], &s) ? p[0] * exp(p[1] * s.E) : 0.0;
}
static void pdelu_dp(double x, const double *p, double *g)
{
    pdelu_t s;
    double a = p[0], t = p[1];
    if (x > 0) {
        g[0] = g[1] = 0.0;
        return;
    }
    if (!pdelu_setup(x, t, &s)) {
        g[0] = -1.0;
        g[1] = 0.0;
        return;
    }
    g[0] = expm1(s.E);
    /* d/dt = alpha*u^(1/c)*q/c^2, q = ln u - w/u >= 0 */
    double v = s.w / s.u, c2 = s.c * s.c;
    if (fabs(v) <= 1.0 / 3) {
        /* q = -log1p(-v) - v = sum_{n>=2} v^n/n */
        double vn = v * v, q = 0;
        for (int n = 2; n < 80; n++) {
            double term = vn / n;
            q += term;
            if (fabs(term) <= 1e-18 * fabs(q)) break;
            vn *= v;
        }
        g[1] = a * exp(s.E) * q / c2;
    } else {
        g[1] = a * (exp(s.E) * s.L - s.w * exp(t * s.E)) / c2;
    }
}
const activ_entry activ_entry_pdelu = {
    .name = "pdelu",
    .title = "PDELU",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x for x > 0; alpha*([1 + (1-t)*x]_+^(1/(1-t)) - 1) otherwise, [u]_+ = max(u, 0)",
    .derivative = "1 for x > 0, alpha*[1 + (1-t)*x]_+^(t/(1-t)) otherwise; d/dalpha = "
                  "[1 + (1-t)*x]_+^(1/(1-t)) - 1; d/dt = alpha*u^(1/(1-t))*(ln u - (1-t)*x/u)/(1-t)^2 "
                  "with u = 1 + (1-t)*x (0 where u <= 0)",
    .kink = "f'(0) = alpha (the x <= 0 piece); for t = 0 also at x = -1, where f'(-1) = 0",
    .notes = "The Tsallis deformed exponential, clamped by [.]_+ as in the original: for x <= "
             "-1/(1-t) (-10 at t = 0.9) f stays at -alpha. The survey omits the clamp; without it "
             "the branch turns back up below -10 and returns to 0 at x = -20. t is fixed (0.9, the "
             "benchmark code's value: alpha*((1 + 0.1x)^10 - 1)); t -> 1 gives ELU. alpha is learned, "
             "init 1 (channel-wise in the original). The survey's benchmark numbers for PDELU are "
             "ReLU's: its code assigns input1 = input (an alias, not a copy), so zeroing input1's "
             "negatives zeroes the input and the negative branch is never computed. The backward "
             "from y is not offered: in double, y rounds to -alpha just right of -1/(1-t), where "
             "f' is not yet 0.",
    .reference = "Q. Cheng, H. Li, Q. Wu, L. Ma, K. N. Ngan, 2020, Parametric deformable exponential "
                 "linear units for deep neural networks",
    .nparams = 2,
    .params = {{"alpha", 1.0, 0.0, INFINITY, ACTIV_P_TRAINABLE | ACTIV_P_MIN_OPEN,
                ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL, "saturation value of the negative side (-alpha)"},
               {"t", 0.9, 0.0, 1.0, ACTIV_P_MAX_OPEN, ACTIV_SHARE_SCALAR,
                "deformation (fixed); exponent 1/(1-t), t -> 1 is ELU"}},
    .f = pdelu_f,
    .df = pdelu_df,
    .dp = pdelu_dp,
    .bound = ACTIV_BOUND_1ULP,
};

/* ELiSH -------------------------------------------------------------------- */
/* f'(x) for x < 0 is sigma(x)*sigma(-x)*(E^2 + 2E - 1) with E = e^x, whose
   zero E = sqrt2 - 1 (x0 = ln(sqrt2 - 1), the minimum of f) is factored out:
   E^2 + 2E - 1 = (E + 1 + sqrt2)*(sqrt2 - 1)*expm1(x - x0). */
#define ELISH_X0_HI -0.881373587019543
#define ELISH_X0_LO 2.250545892825866e-17
#define SQRT2_M1 0.41421356237309504880
#define SQRT2_P1 2.41421356237309504880
static double elish_f(double x, const double *p)
{
    (void)p;
    return x >= 0 ? x * ax_sigmoid(x) : expm1(x) * ax_sigmoid(x);
}
static double elish_df(double x, const double *p)
{
    (void)p;
    if (x >= 0) return ax_sigmoid(x) * (1 + ax_mul0(x, ax_sigmoid(-x)));
    double d = (x - ELISH_X0_HI) - ELISH_X0_LO;
    return ax_dsigmoid(x) * (exp(x) + SQRT2_P1) * SQRT2_M1 * expm1(d);
}
const activ_entry activ_entry_elish = {
    .name = "elish",
    .title = "ELiSH",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x*sigma(x) for x >= 0; (e^x - 1)*sigma(x) for x < 0",
    .derivative = "sigma(x)*(1 + x*sigma(-x)) for x >= 0; e^x*sigma(x) + (e^x - 1)*sigma(x)*sigma(-x) "
                  "for x < 0",
    .notes = "SiLU on the right, ELU times a sigmoid on the left; C1 at 0 (both slopes 1/2). Not "
             "monotone: minimum -(sqrt2 - 1)^2 = -0.1716 at x = ln(sqrt2 - 1) = -0.8814.",
    .reference = "M. Basirat, P. M. Roth, 2018, The quest for the golden activation function",
    .f = elish_f,
    .df = elish_df,
    .bound = ACTIV_BOUND_1ULP,
};

/* HardELiSH ------------------------------------------------------------------ */
/* On (-1, 0], 2f' = e^x*(x + 2) - 1, zero at x1 = W(e^2) - 2; with d = x - x1
   it is expm1(d) + d*e^d*e^x1, two terms of one sign. */
#define HELISH_X1_HI -0.4428544010023886
#define HELISH_X1_LO 1.4810791653201162e-17
#define HELISH_E1 0.6422007040598738 /* e^x1 = 1/W(e^2) */
static double hardelish_f(double x, const double *p)
{
    (void)p;
    if (x > 1) return x;
    if (x >= 0) return 0.5 * x * (x + 1);
    if (x > -1) return 0.5 * expm1(x) * (x + 1);
    return 0.0;
}
static double hardelish_df(double x, const double *p)
{
    (void)p;
    if (x > 1) return 1.0;
    if (x > 0) return x + 0.5;
    if (x > -1) {
        double d = (x - HELISH_X1_HI) - HELISH_X1_LO;
        return 0.5 * (expm1(d) + d * exp(d) * HELISH_E1);
    }
    return 0.0;
}
const activ_entry activ_entry_hardelish = {
    .name = "hardelish",
    .title = "HardELiSH",
    .family = ACTIV_FAMILY_EXPONENTIAL,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .formula = "x*HS(x) for x >= 0; (e^x - 1)*HS(x) for x < 0, HS(x) = max(0, min(1, (x + 1)/2))",
    .derivative = "1 for x > 1; x + 1/2 on (0, 1]; (e^x*(x + 2) - 1)/2 on (-1, 0]; 0 for x <= -1",
    .kink = "f'(1) = 3/2 and f'(-1) = 0 (the left pieces); smooth at 0",
    .notes = "The survey's eq. 44 is labelled HardELiSH but writes only the hard sigmoid HS; this "
             "is the original's product form. Not monotone: minimum at x = W(e^2) - 2 = -0.4429.",
    .reference = "M. Basirat, P. M. Roth, 2018, The quest for the golden activation function",
    .f = hardelish_f,
    .df = hardelish_df,
    .bound = ACTIV_BOUND_1ULP,
};
