/* MPFR oracles for relu_more.c: each forward straight from its definition. */
#include "oracle.h"

/* max(a, 0) with the comparison a > 0, as in the code. */
static void pos(mpfr_ptr y, mpfr_srcptr a)
{
    ora_relu(y, a);
}

/* min(max(0, x), a) */
void activ_oracle_brelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) <= 0) mpfr_set_zero(y, 1);
    else if (mpfr_less_p(x, p[0])) mpfr_set(y, x, ORA_RND);
    else mpfr_set(y, p[0], ORA_RND);
}

/* x for x > 0, slope*x otherwise */
void activ_oracle_rrelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) > 0) mpfr_set(y, x, ORA_RND);
    else ora_mul0(y, p[2], x);
}

/* x for x > 0, alpha*tanh(beta*x) otherwise */
void activ_oracle_ptelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_set(y, x, ORA_RND);
        return;
    }
    ORA_TMP(y, t);
    ora_mul0(t, p[1], x);
    mpfr_tanh(t, t, ORA_RND);
    mpfr_mul(y, p[0], t, ORA_RND);
    ORA_FREE(t);
}

/* max(0, x) + b */
void activ_oracle_frelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    pos(t, x);
    mpfr_add(y, t, p[0], ORA_RND);
    ORA_FREE(t);
}

/* max(x, -delta) */
void activ_oracle_disrelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, m);
    mpfr_neg(m, p[0], ORA_RND);
    if (mpfr_greater_p(x, m)) mpfr_set(y, x, ORA_RND);
    else mpfr_set(y, m, ORA_RND);
    ORA_FREE(m);
}

/* max(k*x, 0) (k >= 0) */
void activ_oracle_erelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    ora_mul0(t, p[1], x);
    pos(y, t);
    ORA_FREE(t);
}

/* max(0, x + a) */
void activ_oracle_rtrelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    mpfr_add(t, x, p[1], ORA_RND);
    pos(y, t);
    ORA_FREE(t);
}

/* The copy a branch parameter selects: the nearest whole number in [0, max]
   (so the tests' tiny shifts of it stay on one copy: d/dbranch = 0). */
static long branch_of(mpfr_srcptr v, long max)
{
    long k = mpfr_get_si(v, MPFR_RNDN);
    return k < 0 ? 0 : k > max ? max : k;
}

/* max(0, x) for branch 0, max(0, -x) for branch 1 */
void activ_oracle_crelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    if (branch_of(p[0], 1)) mpfr_neg(t, x, ORA_RND);
    else mpfr_set(t, x, ORA_RND);
    pos(y, t);
    ORA_FREE(t);
}

/* max(s*x - theta, 0) for branch 0, max(sp*x - thetap, 0) for branch 1 */
void activ_oracle_paired_relu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    int c = branch_of(p[4], 1) ? 2 : 0;
    ORA_TMP(y, t);
    mpfr_mul(t, p[c], x, ORA_RND);
    mpfr_sub(t, t, p[c + 1], ORA_RND);
    pos(y, t);
    ORA_FREE(t);
}

/* max(0, x + b_k), k = branch + 1 */
void activ_oracle_mba(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    mpfr_add(t, x, p[branch_of(p[4], 3)], ORA_RND);
    pos(y, t);
    ORA_FREE(t);
}

void activ_oracle_maxout(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    mpfr_set(y, x, ORA_RND);
}

void activ_oracle_dual_relu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ora_relu(y, x);
}

/* max(0, x - beta) */
void activ_oracle_abrelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    mpfr_sub(t, x, p[0], ORA_RND);
    pos(y, t);
    ORA_FREE(t);
}

/* |x| */
void activ_oracle_vrelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    mpfr_abs(y, x, ORA_RND);
}

/* x for x > 0, alpha*x/(1 + |x|) otherwise (its limit -alpha at -inf) */
void activ_oracle_signrelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_set(y, x, ORA_RND);
        return;
    }
    if (mpfr_inf_p(x)) {
        mpfr_neg(y, p[0], ORA_RND);
        return;
    }
    ORA_TMP(y, d);
    mpfr_abs(d, x, ORA_RND);
    mpfr_add_ui(d, d, 1, ORA_RND);
    mpfr_div(d, x, d, ORA_RND);
    mpfr_mul(y, p[0], d, ORA_RND);
    ORA_FREE(d);
}

/*
 * beta*(sqrt(x^2 + 1) - 1) + x.  Evaluated as written, with temporaries wide
 * enough (2200 extra bits) that sqrt(x^2+1) - |x| ~ 1/(2|x|) survives for
 * |x| up to 2^1024, so the cancellation at |beta| near 1 costs nothing.  At
 * +-inf the limit: x, or sign(x) when beta = -sign(x).
 */
void activ_oracle_blu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) * mpfr_sgn(p[0]) < 0 && mpfr_cmpabs_ui(p[0], 1) == 0)
            mpfr_set_si(y, mpfr_sgn(x), ORA_RND);
        else
            mpfr_set(y, x, ORA_RND);
        return;
    }
    mpfr_t s;
    mpfr_init2(s, mpfr_get_prec(y) + 2200);
    mpfr_sqr(s, x, ORA_RND);
    mpfr_add_ui(s, s, 1, ORA_RND);
    mpfr_sqrt(s, s, ORA_RND);
    mpfr_sub_ui(s, s, 1, ORA_RND);
    mpfr_mul(s, s, p[0], ORA_RND);
    mpfr_add(s, s, x, ORA_RND);
    mpfr_set(y, s, ORA_RND);
    mpfr_clear(s);
}

/* t_r + a_r (x - t_r) for x > t_r; x between; t_l + a_l (x - t_l) for x <= t_l
   (the pieces agree at the thresholds; the comparisons are the code's) */
void activ_oracle_srelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    if (mpfr_greater_p(x, p[2])) {
        mpfr_sub(t, x, p[2], ORA_RND);
        mpfr_mul(t, t, p[3], ORA_RND);
        mpfr_add(y, t, p[2], ORA_RND);
    } else if (mpfr_greater_p(x, p[0])) {
        mpfr_set(y, x, ORA_RND);
    } else {
        mpfr_sub(t, x, p[0], ORA_RND);
        ora_mul0(t, p[1], t);
        mpfr_add(y, t, p[0], ORA_RND);
    }
    ORA_FREE(t);
}

/* ln(beta*max(0, x) + 1) */
void activ_oracle_nlrelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    pos(t, x);
    ora_mul0(t, p[0], t);
    mpfr_log1p(y, t, ORA_RND);
    ORA_FREE(t);
}

/* max(alpha*(x + c) - c, min(alpha*(x - c) + c, x)) */
void activ_oracle_plu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, lo, hi);
    mpfr_add(lo, x, p[1], ORA_RND);
    mpfr_mul(lo, lo, p[0], ORA_RND);
    mpfr_sub(lo, lo, p[1], ORA_RND);
    mpfr_sub(hi, x, p[1], ORA_RND);
    mpfr_mul(hi, hi, p[0], ORA_RND);
    mpfr_add(hi, hi, p[1], ORA_RND);
    mpfr_min(hi, hi, x, ORA_RND);
    mpfr_max(y, lo, hi, ORA_RND);
    ORA_FREE(lo, hi);
}

/* a_k x + b_k on the bins (-inf, -1], (-1, 0], (0, 1], (1, inf) */
void activ_oracle_mtlu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    int k = mpfr_cmp_si(x, -1) <= 0 ? 0 : mpfr_sgn(x) <= 0 ? 1 : mpfr_cmp_ui(x, 1) <= 0 ? 2 : 3;
    ORA_TMP(y, t);
    mpfr_mul(t, p[k], x, ORA_RND);
    mpfr_add(y, t, p[4 + k], ORA_RND);
    ORA_FREE(t);
}

/* tanh(l) + (x - l)(1 - tanh(l)^2) */
static void tangent(mpfr_ptr y, mpfr_srcptr x, mpfr_srcptr l)
{
    ORA_TMP(y, t, d);
    mpfr_tanh(t, l, ORA_RND);
    mpfr_sqr(d, t, ORA_RND);
    mpfr_ui_sub(d, 1, d, ORA_RND);
    mpfr_sub(y, x, l, ORA_RND);
    mpfr_mul(y, y, d, ORA_RND);
    mpfr_add(y, y, t, ORA_RND);
    ORA_FREE(t, d);
}
void activ_oracle_reltanh(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_greaterequal_p(x, p[0])) tangent(y, x, p[0]);
    else if (mpfr_lessequal_p(x, p[1])) tangent(y, x, p[1]);
    else mpfr_tanh(y, x, ORA_RND);
}

/* x if x > threshold, else value */
void activ_oracle_threshold(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_greater_p(x, p[0])) mpfr_set(y, x, ORA_RND);
    else mpfr_set(y, p[1], ORA_RND);
}

/* x if |x| > lambda, else 0 */
void activ_oracle_hardshrink(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_cmpabs(x, p[0]) > 0) mpfr_set(y, x, ORA_RND);
    else mpfr_set_zero(y, 1);
}

/* sign(x) max(|x| - lambda, 0) */
void activ_oracle_softshrink(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    mpfr_abs(t, x, ORA_RND);
    mpfr_sub(t, t, p[0], ORA_RND);
    pos(t, t);
    if (mpfr_sgn(x) < 0) mpfr_neg(t, t, ORA_RND);
    mpfr_set(y, t, ORA_RND);
    ORA_FREE(t);
}

/* max(0, x) + x/10 */
void activ_oracle_ramp(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ORA_TMP(y, r, t);
    ora_relu(r, x);
    mpfr_div_ui(t, x, 10, ORA_RND);
    mpfr_add(y, r, t, ORA_RND);
    ORA_FREE(r, t);
}
