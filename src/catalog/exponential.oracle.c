/* MPFR oracles for exponential.c: each forward straight from its definition. */
#include "oracle.h"

/* y = alpha*(e^(s*x) - 1), the shared negative branch */
static void neg_exp(mpfr_ptr y, mpfr_srcptr x, mpfr_srcptr alpha, mpfr_srcptr s)
{
    ORA_TMP(y, t);
    mpfr_mul(t, x, s, ORA_RND);
    mpfr_expm1(t, t, ORA_RND);
    mpfr_mul(y, t, alpha, ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_elu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_set(y, x, ORA_RND);
        return;
    }
    ORA_TMP(y, one);
    mpfr_set_ui(one, 1, ORA_RND);
    neg_exp(y, x, p[0], one);
    ORA_FREE(one);
}

void activ_oracle_selu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ORA_TMP(y, lambda, alpha, one);
    mpfr_set_str(lambda, "1.0507009873554804934193349852946", 10, ORA_RND);
    mpfr_set_str(alpha, "1.6732632423543772848170429916717", 10, ORA_RND);
    mpfr_set_ui(one, 1, ORA_RND);
    if (mpfr_sgn(x) > 0) {
        mpfr_mul(y, x, lambda, ORA_RND);
    } else {
        neg_exp(y, x, alpha, one);
        mpfr_mul(y, y, lambda, ORA_RND);
    }
    ORA_FREE(lambda, alpha, one);
}

void activ_oracle_celu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_set(y, x, ORA_RND);
        return;
    }
    ORA_TMP(y, s);
    mpfr_ui_div(s, 1, p[0], ORA_RND);
    neg_exp(y, x, p[0], s);
    ORA_FREE(s);
}

void activ_oracle_pelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) >= 0) {
        mpfr_mul(y, x, p[0], ORA_RND);
        mpfr_div(y, y, p[1], ORA_RND);
        return;
    }
    ORA_TMP(y, s);
    mpfr_ui_div(s, 1, p[1], ORA_RND);
    neg_exp(y, x, p[0], s);
    ORA_FREE(s);
}

void activ_oracle_mpelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) > 0) mpfr_set(y, x, ORA_RND);
    else neg_exp(y, x, p[0], p[1]);
}

void activ_oracle_soft_exponential(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_zero_p(p[0])) {
        mpfr_set(y, x, ORA_RND);
        return;
    }
    /* (e^(alpha x) - 1)/alpha + alpha.  Past u = alpha*x = 1000 the value
       (and its derivatives) is far beyond double's range, but e^u would
       overflow even MPFR for u > 3e18 and the differences would be NaN:
       there u is replaced by 1000 + ln(u - 999), which keeps f, f' and
       df/dalpha increasing and astronomically large (inf in double). */
    ORA_TMP(y, t);
    mpfr_mul(t, x, p[0], ORA_RND);
    if (mpfr_cmp_ui(t, 1000) > 0) {
        mpfr_sub_ui(t, t, 999, ORA_RND);
        mpfr_log(t, t, ORA_RND);
        mpfr_add_ui(t, t, 1000, ORA_RND);
    }
    mpfr_expm1(t, t, ORA_RND);
    mpfr_div(t, t, p[0], ORA_RND);
    mpfr_add(y, t, p[0], ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_shelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    mpfr_add(t, x, p[0], ORA_RND);
    if (mpfr_sgn(t) > 0) mpfr_set(y, t, ORA_RND);
    else mpfr_expm1(y, t, ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_preu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_mul(y, x, p[0], ORA_RND);
        return;
    }
    ORA_TMP(y, t);
    mpfr_mul(t, x, p[1], ORA_RND);
    mpfr_exp(t, t, ORA_RND); /* x <= 0, beta >= 0: no overflow */
    mpfr_mul(t, t, x, ORA_RND);
    mpfr_mul(y, t, p[0], ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_felu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* alpha*(e^(s x) - 1) for x <= 0 */
    if (mpfr_sgn(x) > 0) mpfr_set(y, x, ORA_RND);
    else neg_exp(y, x, p[0], p[1]);
}

void activ_oracle_eelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* p: alpha, beta, eps, k */
    if (mpfr_sgn(x) > 0) mpfr_mul(y, x, p[3], ORA_RND);
    else neg_exp(y, x, p[0], p[1]);
}

void activ_oracle_pdelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_set(y, x, ORA_RND);
        return;
    }
    /* alpha*([1 + (1-t)x]_+^(1/(1-t)) - 1) */
    ORA_TMP(y, c, base, e);
    mpfr_ui_sub(c, 1, p[1], ORA_RND);
    mpfr_mul(base, c, x, ORA_RND);
    mpfr_add_ui(base, base, 1, ORA_RND);
    if (mpfr_sgn(base) <= 0) {
        mpfr_neg(y, p[0], ORA_RND);
    } else {
        mpfr_ui_div(e, 1, c, ORA_RND);
        mpfr_pow(base, base, e, ORA_RND);
        mpfr_sub_ui(base, base, 1, ORA_RND);
        mpfr_mul(y, base, p[0], ORA_RND);
    }
    ORA_FREE(c, base, e);
}

void activ_oracle_elish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ORA_TMP(y, s, t);
    ora_sigmoid(s, x);
    if (mpfr_sgn(x) >= 0) {
        mpfr_mul(y, x, s, ORA_RND);
    } else {
        mpfr_expm1(t, x, ORA_RND);
        mpfr_mul(y, t, s, ORA_RND);
    }
    ORA_FREE(s, t);
}

void activ_oracle_hardelish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    /* HS(x) = max(0, min(1, (x + 1)/2)) */
    ORA_TMP(y, hs, t);
    mpfr_add_ui(hs, x, 1, ORA_RND);
    mpfr_div_2ui(hs, hs, 1, ORA_RND);
    if (mpfr_cmp_ui(hs, 1) > 0) mpfr_set_ui(hs, 1, ORA_RND);
    if (mpfr_sgn(hs) < 0) mpfr_set_zero(hs, 1);
    if (mpfr_sgn(x) >= 0) {
        mpfr_mul(y, x, hs, ORA_RND);
    } else {
        mpfr_expm1(t, x, ORA_RND);
        mpfr_mul(y, t, hs, ORA_RND);
    }
    ORA_FREE(hs, t);
}
