/*
 * MPFR oracles for misc.c: each forward from its definition.
 *
 * Where the definition subtracts nearly equal quantities (softplus(x) - ln 2
 * near 0, x + sqrt(x^2 + b) for x << 0) the oracle keeps the definition and
 * raises its working precision by the number of bits the subtraction
 * cancels, so the result is still good to the precision of y.  The
 * identity 1 + tanh(u) = 2 sigma(2u) is used for GELU-tanh, whose
 * cancellation for x << 0 is too deep for that.
 */
#include "oracle.h"

/* binary exponent of a non-zero finite v, 0 otherwise */
static long ora_exp(mpfr_srcptr v)
{
    return mpfr_regular_p(v) ? (long)mpfr_get_exp(v) : 0;
}

/* ln(1 + e^x) - ln 2, at enough precision for the cancellation near 0 */
static void ora_softplus_m_ln2(mpfr_ptr y, mpfr_srcptr x)
{
    long ex = ora_exp(x);
    mpfr_prec_t wp = mpfr_get_prec(y) + 64 + (ex < 0 ? -ex : 0);
    mpfr_t t, l;
    mpfr_inits2(wp, t, l, (mpfr_ptr)0);
    ora_softplus(t, x);
    mpfr_const_log2(l, ORA_RND);
    mpfr_sub(y, t, l, ORA_RND);
    mpfr_clears(t, l, (mpfr_ptr)0);
}

/* ---- softplus family ----------------------------------------------------- */

void activ_oracle_softplus(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    mpfr_mul(t, x, p[0], ORA_RND);
    ora_softplus(t, t);
    mpfr_div(y, t, p[0], ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_slu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_mul(y, x, p[0], ORA_RND);
        return;
    }
    /* beta ln(1 + e^x) - gamma with gamma = beta ln 2 */
    ORA_TMP(y, t);
    ora_softplus_m_ln2(t, x);
    mpfr_mul(y, t, p[1], ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_rsp(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, a, b, c);
    ora_relu(a, x);
    mpfr_ui_sub(c, 1, p[0], ORA_RND);
    if (mpfr_inf_p(x) && mpfr_zero_p(c)) mpfr_set_zero(a, 1);
    else mpfr_mul(a, a, c, ORA_RND);
    ora_softplus(b, x);
    if (mpfr_inf_p(x) && mpfr_zero_p(p[0])) mpfr_set_zero(b, 1);
    else mpfr_mul(b, b, p[0], ORA_RND);
    mpfr_add(y, a, b, ORA_RND);
    ORA_FREE(a, b, c);
}

void activ_oracle_scaled_softplus(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    ora_softplus_m_ln2(t, x);
    mpfr_mul(y, t, p[0], ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_squareplus(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_inf(y, 1);
        else mpfr_set_zero(y, 1);
        return;
    }
    /* (x + sqrt(x^2 + b))/2: for x < 0 the sum cancels about 2 ex - eb bits */
    long ex = ora_exp(x), eb = ora_exp(p[0]);
    long extra = 2 * ex - eb;
    mpfr_prec_t wp = mpfr_get_prec(y) + 64 + (extra > 0 ? extra : 0);
    mpfr_t t;
    mpfr_init2(t, wp);
    mpfr_sqr(t, x, ORA_RND);
    mpfr_add(t, t, p[0], ORA_RND);
    mpfr_sqrt(t, t, ORA_RND);
    mpfr_add(t, t, x, ORA_RND);
    mpfr_div_2ui(y, t, 1, ORA_RND);
    mpfr_clear(t);
}

void activ_oracle_sparse_plus(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    if (mpfr_cmp_si(x, -1) <= 0) {
        mpfr_set_zero(y, 1);
    } else if (mpfr_cmp_si(x, 1) < 0) {
        ORA_TMP(y, t);
        mpfr_add_ui(t, x, 1, ORA_RND);
        mpfr_sqr(t, t, ORA_RND);
        mpfr_div_2ui(y, t, 2, ORA_RND);
        ORA_FREE(t);
    } else {
        mpfr_set(y, x, ORA_RND);
    }
}

void activ_oracle_exponential(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    mpfr_exp(y, x, ORA_RND);
}

/* ---- Mish, GELU ------------------------------------------------------------ */

void activ_oracle_mish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ORA_TMP(y, t);
    ora_softplus(t, x);
    mpfr_tanh(t, t, ORA_RND);
    ora_mul0(y, x, t);
    ORA_FREE(t);
}

void activ_oracle_hard_mish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    /* x/2 * min(2, max(0, x + 2)) */
    if (mpfr_cmp_si(x, -2) <= 0) {
        mpfr_set_zero(y, 1);
        return;
    }
    if (mpfr_sgn(x) >= 0) {
        mpfr_set(y, x, ORA_RND);
        return;
    }
    ORA_TMP(y, t);
    mpfr_add_ui(t, x, 2, ORA_RND);
    mpfr_mul(t, t, x, ORA_RND);
    mpfr_div_2ui(y, t, 1, ORA_RND);
    ORA_FREE(t);
}

static void gelu(mpfr_ptr y, mpfr_srcptr x)
{
    ORA_TMP(y, t);
    ora_Phi(t, x);
    ora_mul0(y, x, t);
    ORA_FREE(t);
}
void activ_oracle_gelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    gelu(y, x);
}

static void gelu_tanh(mpfr_ptr y, mpfr_srcptr x)
{
    /* x/2 (1 + tanh u) = x sigma(2u), u = sqrt(2/pi) (x + 0.044715 x^3) */
    ORA_TMP(y, u, c, a);
    mpfr_const_pi(c, ORA_RND);
    mpfr_ui_div(c, 2, c, ORA_RND);
    mpfr_sqrt(c, c, ORA_RND);
    mpfr_set_str(a, "0.044715", 10, ORA_RND);
    mpfr_pow_ui(u, x, 3, ORA_RND);
    mpfr_mul(u, u, a, ORA_RND);
    mpfr_add(u, u, x, ORA_RND);
    mpfr_mul(u, u, c, ORA_RND);
    mpfr_mul_2ui(u, u, 1, ORA_RND);
    ora_sigmoid(u, u);
    ora_mul0(y, x, u);
    ORA_FREE(u, c, a);
}
void activ_oracle_gelu_tanh(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    gelu_tanh(y, x);
}

void activ_oracle_quick_gelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ORA_TMP(y, k);
    mpfr_set_str(k, "1.702", 10, ORA_RND);
    mpfr_mul(k, k, x, ORA_RND);
    ora_sigmoid(k, k);
    ora_mul0(y, x, k);
    ORA_FREE(k);
}

void activ_oracle_sgelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    mpfr_sqrt_ui(t, 2, ORA_RND);
    mpfr_div(t, x, t, ORA_RND);
    mpfr_erf(t, t, ORA_RND);
    mpfr_mul(t, t, x, ORA_RND);
    mpfr_mul(y, t, p[0], ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_hard_swish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    /* x * min(max(x + 3, 0), 6) / 6 */
    ORA_TMP(y, t);
    mpfr_add_ui(t, x, 3, ORA_RND);
    if (mpfr_sgn(t) < 0) mpfr_set_zero(t, 1);
    if (mpfr_cmp_ui(t, 6) > 0) mpfr_set_ui(t, 6, ORA_RND);
    ora_mul0(t, x, t);
    mpfr_div_ui(y, t, 6, ORA_RND);
    ORA_FREE(t);
}

/* ---- probabilistic, polynomial, rational ----------------------------------- */

void activ_oracle_probact(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, a, b);
    ora_relu(a, x);
    mpfr_mul(b, p[0], p[1], ORA_RND);
    mpfr_add(y, a, b, ORA_RND);
    ORA_FREE(a, b);
}

void activ_oracle_repu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) <= 0) mpfr_set_zero(y, 1);
    else mpfr_pow(y, x, p[0], ORA_RND);
}

/* sum_{j=0..n} c[j] x^j, or with |c[j]| |x|^j (absolute = 1) */
static void poly(mpfr_ptr y, mpfr_srcptr x, mpfr_t *c, int n, int absolute)
{
    ORA_TMP(y, acc, xv, cj);
    if (absolute) mpfr_abs(xv, x, ORA_RND);
    else mpfr_set(xv, x, ORA_RND);
    mpfr_set_zero(acc, 1);
    for (int j = n; j >= 0; j--) {
        mpfr_mul(acc, acc, xv, ORA_RND);
        if (absolute) mpfr_abs(cj, c[j], ORA_RND);
        else mpfr_set(cj, c[j], ORA_RND);
        mpfr_add(acc, acc, cj, ORA_RND);
    }
    mpfr_set(y, acc, ORA_RND);
    ORA_FREE(acc, xv, cj);
}

/* Limit of P/Q as x -> +-inf, given the degrees' leading terms: Q ~ q x^dq (qabs: |q| |x|^dq). */
static void rational_limit(mpfr_ptr y, mpfr_srcptr x, mpfr_t *a, int na, mpfr_t *b, int nb, int qabs)
{
    int dp = na, dq = nb;
    while (dp > 0 && mpfr_zero_p(a[dp])) dp--;
    while (dq > 0 && mpfr_zero_p(b[dq])) dq--;
    int sx = mpfr_sgn(x) > 0 ? 1 : -1;
    int sq = qabs ? 1 : (mpfr_sgn(b[dq]) > 0 ? 1 : -1) * ((dq & 1) ? sx : 1);
    int sp = (mpfr_sgn(a[dp]) > 0 ? 1 : -1) * ((dp & 1) ? sx : 1);
    if (mpfr_zero_p(a[dp])) mpfr_set_zero(y, 1);
    else if (dp > dq) mpfr_set_inf(y, sp * sq);
    else if (dp < dq) mpfr_set_zero(y, 1);
    else {
        mpfr_div(y, a[dp], b[dq], ORA_RND);
        if (qabs) {
            /* a_d x^d / (|b_d| |x|^d) = |a_d / b_d| * sign(a_d) sign(x)^d */
            mpfr_abs(y, y, ORA_RND);
            if (sp < 0) mpfr_neg(y, y, ORA_RND);
        }
    }
}

static void pau(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p, int ver)
{
    mpfr_t *a = p, *b = p + 5; /* b[k] = p[5 + k] is b_k for k = 1..4 (b[0] unused) */
    if (mpfr_inf_p(x)) {
        mpfr_t bq[5];
        for (int k = 0; k < 5; k++) mpfr_init2(bq[k], mpfr_get_prec(y));
        mpfr_set_ui(bq[0], 1, ORA_RND);
        for (int k = 1; k <= 4; k++) mpfr_set(bq[k], b[k], ORA_RND);
        rational_limit(y, x, a, 5, bq, 4, 1);
        for (int k = 0; k < 5; k++) mpfr_clear(bq[k]);
        return;
    }
    ORA_TMP(y, P, Q);
    poly(P, x, a, 5, 0);
    mpfr_t bq[5];
    for (int k = 0; k < 5; k++) mpfr_init2(bq[k], mpfr_get_prec(y));
    mpfr_set_zero(bq[0], 1);
    for (int k = 1; k <= 4; k++) mpfr_set(bq[k], b[k], ORA_RND);
    if (ver == 'A') {
        poly(Q, x, bq, 4, 1); /* sum |b_k| |x|^k */
    } else {
        poly(Q, x, bq, 4, 0);
        mpfr_abs(Q, Q, ORA_RND); /* |sum b_k x^k| */
    }
    mpfr_add_ui(Q, Q, 1, ORA_RND);
    mpfr_div(y, P, Q, ORA_RND);
    for (int k = 0; k < 5; k++) mpfr_clear(bq[k]);
    ORA_FREE(P, Q);
}
void activ_oracle_pau(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    pau(y, x, p, 'A');
}
void activ_oracle_pau_b(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    pau(y, x, p, 'B');
}

void activ_oracle_raf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_inf_p(x)) {
        rational_limit(y, x, p, 3, p + 4, 2, 0);
        return;
    }
    ORA_TMP(y, P, Q);
    poly(P, x, p, 3, 0);
    poly(Q, x, p + 4, 2, 0);
    mpfr_div(y, P, Q, ORA_RND);
    ORA_FREE(P, Q);
}

/* ---- softmax and the gates ---------------------------------------------------- */

void activ_oracle_softmax(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    mpfr_exp(y, x, ORA_RND);
}

/* log-softmax and sparsemax: the per-element part is the identity */
void activ_oracle_log_softmax(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    mpfr_set(y, x, ORA_RND);
}

void activ_oracle_sparsemax(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    mpfr_set(y, x, ORA_RND);
}

void activ_oracle_glu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ora_sigmoid(y, x);
}

void activ_oracle_reglu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ora_relu(y, x);
}

void activ_oracle_geglu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    gelu(y, x);
}

void activ_oracle_geglu_tanh(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    gelu_tanh(y, x);
}

void activ_oracle_swiglu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ORA_TMP(y, t);
    ora_sigmoid(t, x);
    ora_mul0(y, x, t);
    ORA_FREE(t);
}
