/*
 * activ: a catalog of neural-network activation functions.
 *
 * Every activation is one activ_entry: its names, parameters, forward,
 * derivative, parameter gradients, kink convention, reference and the error
 * bound its tests prove.  Listings, documentation, tests and the command
 * line all iterate activ_catalog(); nothing else keeps a list.
 *
 * Scalar functions come in double (the reference, written for accuracy) and
 * float (the double result rounded once, so its error is the double's plus
 * half an ULP).  Parameters are always passed as an array in the order of
 * entry->params; a NULL array means "the defaults".
 */
#ifndef ACTIV_ACTIV_H
#define ACTIV_ACTIV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ACTIV_VERSION_MAJOR 0
#define ACTIV_VERSION_MINOR 1
#define ACTIV_VERSION_PATCH 0
#define ACTIV_VERSION_STRING "0.1.0"

#define ACTIV_MAX_PARAMS 12
#define ACTIV_MAX_ALIASES 8

/* The survey's five families (Dubey, Singh & Chaudhuri 2022, Fig. 2). */
typedef enum activ_family {
    ACTIV_FAMILY_SIGMOID_TANH = 0, /* logistic-sigmoid / tanh based */
    ACTIV_FAMILY_RELU,             /* rectified linear based */
    ACTIV_FAMILY_EXPONENTIAL,      /* ELU / exponential based */
    ACTIV_FAMILY_ADAPTIVE,         /* learning / adaptive */
    ACTIV_FAMILY_MISC,             /* softplus, probabilistic, polynomial, rational, kernel, gated */
    ACTIV_FAMILY_COUNT
} activ_family;

/*
 * How an entry maps a tensor.  For every kind the scalar functions f, df, dp
 * describe one element; the kind says how the layer uses them.
 */
typedef enum activ_kind {
    ACTIV_KIND_ELEMENTWISE = 0, /* y_i = f(x_i; p) */
    ACTIV_KIND_STOCHASTIC,      /* elementwise; the ACTIV_P_RANDOM parameter is drawn per element
                                   in training mode and set to its expectation in evaluation */
    ACTIV_KIND_DATA_DEPENDENT,  /* elementwise; the ACTIV_P_DATA parameter is a statistic of the
                                   input tensor (and the gradient flows through it) */
    ACTIV_KIND_GATED,           /* channels split in halves a|b: y = a * f(b) (GLU family) */
    ACTIV_KIND_EXPANDING,       /* each channel gives one output per value of the ACTIV_P_BRANCH
                                   parameter (0..max): CReLU's relu(x), relu(-x); MBA's copies */
    ACTIV_KIND_MAXOUT,          /* groups of k channels reduce to their maximum: C/k channels */
    ACTIV_KIND_PAIRED,          /* channels split in halves a|b: y = f(a) - f(b) (DualReLU) */
    ACTIV_KIND_SOFTMAX,         /* softmax over the channels; f = exp is the element map */
    ACTIV_KIND_LOG_SOFTMAX,     /* log-softmax over the channels; f = identity */
    ACTIV_KIND_SPARSEMAX,       /* sparsemax (Euclidean projection onto the simplex) over the
                                   channels; f = identity */
    ACTIV_KIND_COUNT
} activ_kind;

/* Parameter flags. */
enum {
    ACTIV_P_TRAINABLE = 1u << 0, /* learned by back-propagation (gradient given by dp) */
    ACTIV_P_RANDOM = 1u << 1,    /* drawn at random in training (stochastic kinds) */
    ACTIV_P_DATA = 1u << 2,      /* computed from the input tensor (data-dependent kinds) */
    ACTIV_P_MIN_OPEN = 1u << 3,  /* the range excludes min */
    ACTIV_P_MAX_OPEN = 1u << 4,  /* the range excludes max */
    ACTIV_P_INTEGER = 1u << 5,   /* must be a whole number */
    ACTIV_P_BRANCH = 1u << 6     /* expanding kinds: which output copy (0..max), set by the layer */
};

/* How a trainable parameter may be shared (bit mask of the allowed ways). */
enum {
    ACTIV_SHARE_SCALAR = 1u << 0,  /* one value for the whole layer */
    ACTIV_SHARE_CHANNEL = 1u << 1, /* one value per channel */
    ACTIV_SHARE_UNIT = 1u << 2,    /* one value per unit (element of a sample) */
    ACTIV_SHARE_ANY = 7u
};

typedef struct activ_param {
    const char *name;
    double value;    /* default (the original paper's, unless the entry says otherwise) */
    double min, max; /* valid range, closed unless ACTIV_P_MIN_OPEN / ACTIV_P_MAX_OPEN */
    unsigned flags;
    unsigned share; /* ACTIV_SHARE_* mask; 0 means ACTIV_SHARE_SCALAR */
    const char *doc;
} activ_param;

/* A name under which an entry is known elsewhere, optionally with parameter
   values that name implies ("darknet", "leaky", "slope=0.1").  framework ""
   marks a named variant of activ's own (e.g. relu6 = brelu with max=6). */
typedef struct activ_alias {
    const char *framework; /* "torch", "keras", "onnx", "dnnl", "darknet", "ggml", "tf", "" */
    const char *name;
    const char *preset; /* "name=value,..." or NULL */
} activ_alias;

/*
 * Error bounds proven by the MPFR oracle test for the float functions, in
 * units in the last place of the exact result, or, where cancellation makes
 * ULP meaningless, in absolute terms: a result passes when it is within
 * *_ulp ULP OR within *_abs of the exact value.  0 for *_abs means no
 * absolute fallback.
 */
typedef struct activ_bound {
    double f_ulp, f_abs;   /* forward */
    double df_ulp, df_abs; /* derivative in x */
    double dp_ulp, dp_abs; /* parameter gradients */
    const char *why;       /* why an absolute bound is needed, or NULL */
} activ_bound;

typedef double (*activ_fn)(double x, const double *p);
typedef void (*activ_grad_fn)(double x, const double *p, double *dp);

typedef struct activ_entry {
    const char *name;  /* canonical, lower case, [a-z0-9_] */
    const char *title; /* display name, e.g. "Leaky ReLU" */
    activ_family family;
    activ_kind kind;
    activ_alias aliases[ACTIV_MAX_ALIASES]; /* terminated by a NULL name */

    const char *formula;    /* the definition, in plain text */
    const char *derivative; /* f'(x) and the parameter gradients, in plain text */
    const char *kink;       /* the convention where f is not differentiable, or NULL */
    const char *notes;      /* variants and where definitions differ, or NULL */
    const char *reference;  /* original paper: authors, year, title */

    unsigned nparams;
    activ_param params[ACTIV_MAX_PARAMS];

    activ_fn f;         /* forward */
    activ_fn df;        /* df/dx */
    activ_grad_fn dp;   /* df/dp_i for every parameter, into dp[0..nparams) (NULL if none) */
    activ_fn df_from_y; /* df/dx written in y = f(x), or NULL; valid for the whole parameter
                           range (the tests check that f' is a function of f there) */
    activ_bound bound;

    /* Stochastic kinds only: the ACTIV_P_RANDOM parameter's value in training,
       from u uniform in [0,1) and z standard normal (both supplied by the
       caller's seeded generator), given the other parameters in p. */
    double (*draw)(const double *p, double u, double z);
    /* ... and its value in evaluation mode (e.g. RReLU's (lower+upper)/2).
       activ_defaults and activ_parse_spec set it so, unless given. */
    double (*expect)(const double *p);
} activ_entry;

/* ---- catalog ---------------------------------------------------------- */

size_t activ_catalog_size(void);
const activ_entry *activ_catalog_get(size_t i);
/* Finds an entry by canonical name or alias (case-insensitive; '-' and '_'
   are the same).  If the alias carries a preset and preset != NULL, *preset
   receives it (else NULL). */
const activ_entry *activ_find(const char *name, const char **preset);
/* Up to max names (canonical or alias) close to name, best first. */
size_t activ_suggest(const char *name, const char **out, size_t max);

const char *activ_family_name(activ_family f);
const char *activ_kind_name(activ_kind k);
int activ_param_index(const activ_entry *e, const char *name); /* -1 if none */

/* Fills p[0..nparams) with the defaults. */
void activ_defaults(const activ_entry *e, double *p);

/* Checks one value against a parameter's range; 0 if valid. */
int activ_param_check(const activ_param *prm, double v);

/*
 * Parses "name" or "name:key=value,key=value" (also "name(key=value)"), with
 * alias presets applied first and then the explicit values.  On success
 * returns 0, sets *entry and fills p.  On failure returns -1 and writes a
 * message that names the problem (and suggests close names) into err.
 */
int activ_parse_spec(const char *spec, const activ_entry **entry, double *p, char *err, size_t errlen);

/*
 * Named sets: "seed" (the 16 the seed blog post names), "benchmark" (the
 * survey's 18), "all".  activ_set_members writes up to max entries and
 * returns the set's size, or -1 for an unknown set.
 */
size_t activ_set_count(void);
const char *activ_set_name(size_t i, const char **doc);
long activ_set_members(const char *set, const activ_entry **out, size_t max);

/* ---- scalar evaluation ------------------------------------------------ */

double activ_f64(const activ_entry *e, double x, const double *p);
double activ_df64(const activ_entry *e, double x, const double *p);
void activ_dp64(const activ_entry *e, double x, const double *p, double *dp);
float activ_f32(const activ_entry *e, float x, const float *p);
float activ_df32(const activ_entry *e, float x, const float *p);
void activ_dp32(const activ_entry *e, float x, const float *p, float *dp);

/* ---- layers: every kind on tensors ----------------------------------------
 *
 * A reference implementation of each kind over float tensors laid out
 * [batch][channels][inner] (NCHW with inner = H*W; a dense layer has
 * inner = 1).  It calls the scalar functions per element: correct and
 * simple, not fast (the vector kernels are).
 *
 * Parameters live in params[k * nshare + s]: parameter k for share slot s,
 * where the slot of element (n, c, i) is 0 (scalar), c (channel) or
 * c * inner + i (unit).  For gated kinds c is the output channel.
 * Stochastic entries draw their random parameter per element in training
 * from a counter-based generator keyed by (seed, step, element), so the
 * backward pass recomputes the very draws of the forward pass and a run
 * is reproducible; in evaluation they use entry->expect.  Data-dependent
 * entries compute their statistic (the mean of the input) over the whole
 * tensor (share scalar, as in the survey's code) or per channel (share
 * channel), in both modes, and back-propagate through it.
 */
typedef enum activ_mode { ACTIV_MODE_EVAL = 0, ACTIV_MODE_TRAIN = 1 } activ_mode;

typedef struct activ_layer {
    const activ_entry *entry;
    unsigned share; /* one ACTIV_SHARE_* value */
    size_t channels, inner;
    size_t nshare;  /* slots per parameter: 1, channels or channels * inner */
    float *params;  /* nparams * nshare values */
    activ_mode mode;
    uint64_t seed, step; /* stochastic draws; bump step once per forward in training */
} activ_layer;

/* Sets up a layer with every slot at p (NULL: defaults).  0, or -1 with a message in err. */
int activ_layer_init(activ_layer *L, const activ_entry *e, const double *p, unsigned share, size_t channels,
                     size_t inner, char *err, size_t errlen);
void activ_layer_free(activ_layer *L);
/* Output channels for the input channels (gated and paired halve, expanding doubles, maxout divides by k). */
size_t activ_layer_out_channels(const activ_layer *L);
/* y = layer(x) for `batch` samples; y must not alias x for the non-elementwise kinds. */
void activ_layer_forward(const activ_layer *L, size_t batch, const float *x, float *y);
/* dx from dy (and x); accumulates parameter gradients into dparams (same layout as params) if not NULL. */
void activ_layer_backward(const activ_layer *L, size_t batch, const float *x, const float *dy, float *dx,
                          float *dparams);

/* ---- array kernels ------------------------------------------------------------
 *
 * Vectorised float kernels for the elementwise entries, chosen at run time
 * among the instruction sets the CPU has (AVX-512, AVX2+FMA, portable).
 * ACTIV_ISA=generic|avx2|avx512 in the environment, or activ_isa_set,
 * forces one.  Entries without a kernel fall back to the scalar functions
 * (correct, slow); activ_kernel_info says which.  Any length, any alignment;
 * y may alias x and dx may alias dy.  p holds the entry's parameters (NULL:
 * defaults).  Large arrays are split over activ_threads() threads.
 */
typedef enum activ_isa { ACTIV_ISA_AUTO = 0, ACTIV_ISA_GENERIC, ACTIV_ISA_AVX2, ACTIV_ISA_AVX512 } activ_isa;

const char *activ_isa_name(activ_isa isa);
int activ_isa_supported(activ_isa isa);
/* Forces an instruction set (ACTIV_ISA_AUTO: the best available); -1 if this CPU cannot run it. */
int activ_isa_set(activ_isa isa);
activ_isa activ_isa_active(void);

/* Threads for large arrays (default: all cores); 0 restores the default. */
void activ_set_threads(int n);
int activ_threads(void);

/* What runs for e: 1 and the kernel's tested bound if a vector kernel exists, else 0. */
typedef struct activ_kernel_info {
    int vectorised, has_backward_from_output, has_param_grad;
    float f_ulp, df_ulp, abs;
    const char *why;
} activ_kernel_info;
int activ_kernel_info_get(const activ_entry *e, activ_kernel_info *info);

void activ_forward(const activ_entry *e, const float *p, const float *x, float *y, size_t n);
/* dx = dy * f'(x) */
void activ_backward(const activ_entry *e, const float *p, const float *x, const float *dy, float *dx, size_t n);
/* y = f(x) and d = f'(x) in one pass (a training forward keeps d; its backward is then dx = dy * d,
   the same bits as activ_backward).  y may alias x; d must alias neither. */
void activ_forward_with_derivative(const activ_entry *e, const float *p, const float *x, float *y, float *d,
                                   size_t n);
/* dx = dy * f'(x) from y = f(x); returns -1 (and does nothing) where the entry has no such form */
int activ_backward_from_output(const activ_entry *e, const float *p, const float *y, const float *dy, float *dx,
                               size_t n);
/* g[k] = sum_i dy_i * df/dp_k (x_i), for every parameter k (summed in double) */
void activ_param_grad(const activ_entry *e, const float *p, const float *x, const float *dy, size_t n, double *g);

/*
 * Parameters shared per tensor, per channel or per unit on a
 * [batch][channels][inner] tensor (NCHW: inner = H*W) or its NHWC order
 * [batch][inner][channels].  params holds nparams * nslots values,
 * params[k * nslots + s], with slot s = 0 (ACTIV_SHARE_SCALAR), c
 * (ACTIV_SHARE_CHANNEL) or c * inner + i (ACTIV_SHARE_UNIT), whatever the
 * layout: the same parameters serve both.  dparams (same shape, may be
 * NULL) is added to, not overwritten.
 */
typedef enum activ_layout { ACTIV_LAYOUT_NCHW = 0, ACTIV_LAYOUT_NHWC } activ_layout;
typedef struct activ_tensor_shape {
    size_t batch, channels, inner;
    activ_layout layout;
    unsigned share; /* ACTIV_SHARE_SCALAR, _CHANNEL or _UNIT */
} activ_tensor_shape;
size_t activ_shape_slots(const activ_tensor_shape *s);
void activ_forward_shared(const activ_entry *e, const float *params, const activ_tensor_shape *s, const float *x,
                          float *y);
void activ_backward_shared(const activ_entry *e, const float *params, const activ_tensor_shape *s, const float *x,
                           const float *dy, float *dx, double *dparams);
/*
 * A stochastic entry in training, shaped as above: its random parameter
 * drawn per element from (seed, step, the element's position in x) as
 * activ_layer draws it (u and z of src/kernels/draw.h; here in float), the
 * other parameters from params.  The backward with the same seed and step
 * meets the forward's draws; the random parameter gets no gradient.  The
 * forward also keeps d = f'(x) (its draws included) unless d is NULL, for a
 * backward that is dy * d.  An entry without a random parameter is run as
 * activ_*_shared.
 */
void activ_forward_drawn(const activ_entry *e, const float *params, const activ_tensor_shape *s, uint64_t seed,
                         uint64_t step, const float *x, float *y, float *d);
void activ_backward_drawn(const activ_entry *e, const float *params, const activ_tensor_shape *s, uint64_t seed,
                          uint64_t step, const float *x, const float *dy, float *dx, double *dparams);

/* ---- properties --------------------------------------------------------- */

/* Tri-state for properties that may not apply. */
typedef enum activ_tri { ACTIV_NO = 0, ACTIV_YES = 1, ACTIV_NA = 2 } activ_tri;

/*
 * Properties, computed from the double functions at the given parameters by
 * sampling (see properties.c for each test) rather than declared:
 *  monotonic     f non-decreasing or non-increasing on the real line
 *  smooth        f and f' continuous (C1) everywhere
 *  bounded_below / bounded_above  f bounded as x -> -inf / +inf
 *  zero_centred  |E f(Z)| <= 0.1 * sqrt(E f(Z)^2) for Z ~ N(0,1): the output
 *                keeps a near-zero mean for standardised input
 *  parametric    has trainable parameters (declared by the entry)
 *  y_backward    f' is a function of y = f(x), so backward may use the output
 */
typedef struct activ_props {
    activ_tri monotonic, smooth, bounded_below, bounded_above, zero_centred, parametric, y_backward;
    double min_value, max_value; /* observed extremes over the sample (may be +-inf) */
    double mean_normal;          /* E f(Z), Z ~ N(0,1) */
    double second_moment_normal; /* E f(Z)^2 */
    double kinks[8];             /* where f' jumps, up to 8 */
    unsigned nkinks;
} activ_props;

void activ_properties(const activ_entry *e, const double *p, activ_props *out);

#ifdef __cplusplus
}
#endif
#endif
