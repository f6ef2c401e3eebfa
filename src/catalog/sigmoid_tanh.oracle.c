/*
 * MPFR oracles for sigmoid_tanh.c: each forward straight from its
 * definition.  Where the definition cancels (4 sigma(x) - 2 near 0,
 * x - tanh x near 0, the Elliott function's 1/2 - 1/2 for x -> -inf), the
 * working precision is raised by the bits the cancellation costs, so the
 * result keeps the precision of y.
 */
#include "oracle.h"

/* Precision of y plus extra bits. */
static mpfr_prec_t work_prec(mpfr_srcptr y, long extra)
{
    return mpfr_get_prec(y) + (extra > 0 ? extra : 0) + 16;
}

/* Bits lost when a quantity of size 2^EXP(x) is what remains of O(1) terms. */
static long small_bits(mpfr_srcptr x)
{
    return (mpfr_zero_p(x) || !mpfr_number_p(x)) ? 0 : -(long)mpfr_get_exp(x);
}

void activ_oracle_linear(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ora_mul0(y, p[0], x);
}

void activ_oracle_sigmoid(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ora_sigmoid(y, x);
}

void activ_oracle_tanh(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    mpfr_tanh(y, x, ORA_RND);
}

void activ_oracle_stanh(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    mpfr_mul(t, p[1], x, ORA_RND);
    mpfr_tanh(t, t, ORA_RND);
    mpfr_mul(y, p[0], t, ORA_RND);
    ORA_FREE(t);
}

/* (1/(1 + e^-x))^m */
void activ_oracle_psf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, s);
    ora_sigmoid(s, x);
    mpfr_pow(y, s, p[0], ORA_RND);
    ORA_FREE(s);
}

/* x sech x */
void activ_oracle_resech(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ORA_TMP(y, s);
    mpfr_sech(s, x, ORA_RND);
    ora_mul0(y, x, s);
    ORA_FREE(s);
}

/* 4 sigma(x) - 2 */
void activ_oracle_ssigmoid(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    mpfr_t s;
    mpfr_init2(s, work_prec(y, small_bits(x)));
    ora_sigmoid(s, x);
    mpfr_mul_ui(s, s, 4, ORA_RND);
    mpfr_sub_ui(y, s, 2, ORA_RND);
    mpfr_clear(s);
}

/* tanh x for x > 0, a tanh x otherwise */
void activ_oracle_ptanh(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_tanh(y, x, ORA_RND);
    } else {
        ORA_TMP(y, t);
        mpfr_tanh(t, x, ORA_RND);
        mpfr_mul(y, p[0], t, ORA_RND);
        ORA_FREE(t);
    }
}

/* -a (e^{-x/b} - 1) for x >= 0; c (e^{x/d} - 1) for x < 0 */
void activ_oracle_hexpo(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    if (mpfr_sgn(x) >= 0) {
        mpfr_div(t, x, p[1], ORA_RND);
        mpfr_neg(t, t, ORA_RND);
        mpfr_expm1(t, t, ORA_RND);
        mpfr_mul(t, t, p[0], ORA_RND);
        mpfr_neg(y, t, ORA_RND);
    } else {
        mpfr_div(t, x, p[3], ORA_RND);
        mpfr_expm1(t, t, ORA_RND);
        mpfr_mul(y, t, p[2], ORA_RND);
    }
    ORA_FREE(t);
}

/* alpha (x - a) + sigma(a) for x >= a; sigma(x) for |x| < a; alpha (x + a) + sigma(-a) for x <= -a */
void activ_oracle_isigmoid(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t, s);
    if (mpfr_cmp(x, p[0]) >= 0) {
        mpfr_sub(t, x, p[0], ORA_RND);
        mpfr_mul(t, t, p[1], ORA_RND);
        ora_sigmoid(s, p[0]);
        mpfr_add(y, t, s, ORA_RND);
    } else {
        mpfr_neg(s, p[0], ORA_RND);
        if (mpfr_cmp(x, s) > 0) {
            ora_sigmoid(y, x);
        } else {
            mpfr_add(t, x, p[0], ORA_RND);
            mpfr_mul(t, t, p[1], ORA_RND);
            ora_sigmoid(s, s);
            mpfr_add(y, t, s, ORA_RND);
        }
    }
    ORA_FREE(t, s);
}

/* x sigma(x) */
void activ_oracle_silu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ORA_TMP(y, s);
    ora_sigmoid(s, x);
    ora_mul0(y, x, s);
    ORA_FREE(s);
}

/* x tanh x */
void activ_oracle_lisht(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ORA_TMP(y, t);
    mpfr_tanh(t, x, ORA_RND);
    mpfr_mul(y, x, t, ORA_RND);
    ORA_FREE(t);
}

/* 0.5 x/(1 + |x|) + 0.5 */
void activ_oracle_elliott(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_ui(y, 1, ORA_RND);
        else mpfr_set_zero(y, 1);
        return;
    }
    long extra = mpfr_zero_p(x) ? 0 : (long)mpfr_get_exp(x); /* 1/2 - 1/2 cancels as x -> -inf */
    mpfr_t t, d;
    mpfr_inits2(work_prec(y, extra), t, d, (mpfr_ptr)0);
    mpfr_abs(d, x, ORA_RND);
    mpfr_add_ui(d, d, 1, ORA_RND);
    mpfr_div(t, x, d, ORA_RND);
    mpfr_div_2ui(t, t, 1, ORA_RND);
    mpfr_set_d(d, 0.5, ORA_RND);
    mpfr_add(y, t, d, ORA_RND);
    mpfr_clears(t, d, (mpfr_ptr)0);
}

/* x/(1 + |x|) */
void activ_oracle_softsign(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    if (mpfr_inf_p(x)) {
        mpfr_set_si(y, mpfr_sgn(x), ORA_RND);
        return;
    }
    ORA_TMP(y, d);
    mpfr_abs(d, x, ORA_RND);
    mpfr_add_ui(d, d, 1, ORA_RND);
    mpfr_div(y, x, d, ORA_RND);
    ORA_FREE(d);
}

/* x/(eps + x/A + e^{-x/B}); the limits at +-inf are A and 0 */
static void srs_common(mpfr_ptr y, mpfr_srcptr x, mpfr_srcptr A, mpfr_srcptr B, mpfr_srcptr eps)
{
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set(y, A, ORA_RND);
        else mpfr_set_zero(y, -1);
        return;
    }
    ORA_TMP(y, d, t);
    mpfr_div(t, x, B, ORA_RND);
    mpfr_neg(t, t, ORA_RND);
    mpfr_exp(t, t, ORA_RND); /* +inf for x << 0: x/inf = -0, the right limit */
    if (eps) mpfr_add(t, t, eps, ORA_RND);
    if (mpfr_sgn(x) > 0) {
        /* the same as A/(1 + A (eps + e^{-x/B})/x), which does not round A away for large x */
        mpfr_mul(t, t, A, ORA_RND);
        mpfr_div(t, t, x, ORA_RND);
        mpfr_add_ui(t, t, 1, ORA_RND);
        mpfr_div(y, A, t, ORA_RND);
    } else {
        mpfr_div(d, x, A, ORA_RND);
        mpfr_add(d, d, t, ORA_RND);
        mpfr_div(y, x, d, ORA_RND);
    }
    ORA_FREE(d, t);
}

void activ_oracle_srs(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    srs_common(y, x, p[0], p[1], NULL);
}

void activ_oracle_srs_guarded(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, A, B, eps);
    mpfr_set_ui(eps, 1, ORA_RND);
    mpfr_div_ui(eps, eps, 100, ORA_RND);
    mpfr_abs(A, p[0], ORA_RND);
    mpfr_add(A, A, eps, ORA_RND);
    mpfr_abs(B, p[1], ORA_RND);
    mpfr_add(B, B, eps, ORA_RND);
    srs_common(y, x, A, B, eps);
    ORA_FREE(A, B, eps);
}

/* clip(slope x + offset, 0, 1) */
void activ_oracle_hardsigmoid(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, u);
    mpfr_mul(u, p[0], x, ORA_RND);
    mpfr_add(u, u, p[1], ORA_RND);
    if (mpfr_sgn(u) <= 0) mpfr_set_zero(y, 1);
    else if (mpfr_cmp_ui(u, 1) >= 0) mpfr_set_ui(y, 1, ORA_RND);
    else mpfr_set(y, u, ORA_RND);
    ORA_FREE(u);
}

/* ln sigma(x) = -ln(1 + e^-x) */
void activ_oracle_logsigmoid(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ORA_TMP(y, t);
    mpfr_neg(t, x, ORA_RND);
    ora_softplus(t, t);
    mpfr_neg(y, t, ORA_RND);
    ORA_FREE(t);
}

/* x - tanh x */
void activ_oracle_tanhshrink(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    mpfr_t t;
    mpfr_init2(t, work_prec(y, 2 * small_bits(x)));
    mpfr_tanh(t, x, ORA_RND);
    mpfr_sub(t, x, t, ORA_RND);
    mpfr_set(y, t, ORA_RND);
    mpfr_clear(t);
}

/* min(max(x, min_val), max_val) */
void activ_oracle_hardtanh(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_cmp(x, p[0]) <= 0) mpfr_set(y, p[0], ORA_RND);
    else if (mpfr_cmp(x, p[1]) >= 0) mpfr_set(y, p[1], ORA_RND);
    else mpfr_set(y, x, ORA_RND);
}

/* 2 sigma(x) - 1 */
void activ_oracle_loggy(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    mpfr_t s;
    mpfr_init2(s, work_prec(y, small_bits(x)));
    ora_sigmoid(s, x);
    mpfr_mul_2ui(s, s, 1, ORA_RND);
    mpfr_sub_ui(y, s, 1, ORA_RND);
    mpfr_clear(s);
}

/* (sigma(x) + sigma(x + a))/2 */
void activ_oracle_bdaa(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, s, t);
    ora_sigmoid(s, x);
    mpfr_add(t, x, p[0], ORA_RND);
    ora_sigmoid(t, t);
    mpfr_add(s, s, t, ORA_RND);
    mpfr_div_2ui(y, s, 1, ORA_RND);
    ORA_FREE(s, t);
}
