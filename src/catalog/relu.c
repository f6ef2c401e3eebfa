/*
 * ReLU family (survey section 4, Table 3): rectifiers and their leaky,
 * parametric and bounded relatives.
 *
 * Kink convention, shared with PyTorch: at the kink the derivative takes the
 * value of the left piece (ReLU'(0) = 0, LeakyReLU'(0) = slope), i.e. masks
 * are written 1[x > 0].
 */
#include "entry.h"

/* ReLU (its functions also serve CReLU, DualReLU and ReGLU: see entry.h) ---- */
double relu_f(double x, const double *p)
{
    (void)p;
    return x > 0 ? x : 0.0;
}
double relu_df(double x, const double *p)
{
    (void)p;
    return x > 0 ? 1.0 : 0.0;
}
double relu_dy(double y, const double *p)
{
    (void)p;
    return y > 0 ? 1.0 : 0.0;
}
const activ_entry activ_entry_relu = {
    .name = "relu",
    .title = "ReLU",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "ReLU", NULL}, {"keras", "relu", NULL}, {"onnx", "Relu", NULL},
                {"dnnl", "eltwise_relu", NULL}, {"darknet", "relu", NULL}, {"ggml", "relu", NULL}},
    .formula = "max(0, x)",
    .derivative = "1[x > 0]",
    .kink = "f'(0) = 0 (PyTorch's convention)",
    .reference = "V. Nair, G. E. Hinton, 2010, Rectified linear units improve restricted Boltzmann machines",
    .f = relu_f,
    .df = relu_df,
    .df_from_y = relu_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* Leaky ReLU ---------------------------------------------------------------- */
static double leaky_f(double x, const double *p)
{
    return x > 0 ? x : p[0] * x;
}
static double leaky_df(double x, const double *p)
{
    return x > 0 ? 1.0 : p[0];
}
static void leaky_dp(double x, const double *p, double *g)
{
    (void)p;
    g[0] = x > 0 ? 0.0 : x;
}
static double leaky_dy(double y, const double *p)
{
    return y > 0 ? 1.0 : p[0];
}
const activ_entry activ_entry_leaky_relu = {
    .name = "leaky_relu",
    .title = "Leaky ReLU",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "LeakyReLU", NULL}, {"keras", "leaky_relu", "slope=0.2"},
                {"onnx", "LeakyRelu", NULL},
                {"darknet", "leaky", "slope=0.1"}, {"ggml", "leaky_relu", NULL},
                {"", "lrelu", NULL}, {"tf", "leaky_relu", "slope=0.2"}},
    .formula = "x for x > 0; slope*x otherwise",
    .derivative = "1 for x > 0, slope otherwise; d/dslope = x for x <= 0",
    .kink = "f'(0) = slope",
    .notes = "The slope differs by framework: 0.01 in the survey, the blog and PyTorch (the default "
             "here); 0.2 in tf.nn.leaky_relu and keras.activations.leaky_relu (the keras alias sets "
             "it); 0.3 in the Keras LeakyReLU layer; 0.1 in darknet's 'leaky'. oneDNN's eltwise_relu "
             "with alpha = slope computes it (dnnl.eltwise_relu names plain ReLU here).",
    .reference = "A. L. Maas, A. Y. Hannun, A. Y. Ng, 2013, Rectifier nonlinearities improve neural "
                 "network acoustic models",
    .nparams = 1,
    .params = {{"slope", 0.01, 0.0, INFINITY, 0, ACTIV_SHARE_SCALAR, "slope for x <= 0 (fixed)"}},
    .f = leaky_f,
    .df = leaky_df,
    .dp = leaky_dp,
    .df_from_y = leaky_dy,
    .bound = ACTIV_BOUND_EXACT,
};

/* PReLU: Leaky ReLU whose slope is learned. ----------------------------------- */
const activ_entry activ_entry_prelu = {
    .name = "prelu",
    .title = "PReLU",
    .family = ACTIV_FAMILY_RELU,
    .kind = ACTIV_KIND_ELEMENTWISE,
    .aliases = {{"torch", "PReLU", NULL}, {"keras", "PReLU", NULL}, {"onnx", "PRelu", NULL},
                {"dnnl", "prelu", NULL}},
    .formula = "x for x > 0; a*x otherwise",
    .derivative = "1 for x > 0, a otherwise; d/da = x for x <= 0",
    .kink = "f'(0) = a",
    .notes = "Initial a = 0.25 (He et al., PyTorch); Keras initialises a = 0. Channel-shared (one "
             "a) or channel-wise (one a per channel), as in the original.",
    .reference = "K. He, X. Zhang, S. Ren, J. Sun, 2015, Delving deep into rectifiers",
    .nparams = 1,
    .params = {{"a", 0.25, 0.0, INFINITY, ACTIV_P_TRAINABLE, ACTIV_SHARE_SCALAR | ACTIV_SHARE_CHANNEL,
                "learned slope for x <= 0"}},
    .f = leaky_f,
    .df = leaky_df,
    .dp = leaky_dp,
    .df_from_y = leaky_dy,
    .bound = ACTIV_BOUND_EXACT,
};
