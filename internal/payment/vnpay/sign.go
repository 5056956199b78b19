package vnpay

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Parameter names of the hash itself: never part of the signed data.
const (
	ParamSecureHash     = "vnp_SecureHash"
	ParamSecureHashType = "vnp_SecureHashType"
)

// TimeLayout is VNPAY's yyyyMMddHHmmss on a 24-hour clock, always read and
// written in Asia/Ho_Chi_Minh (vntime.Location).
const TimeLayout = "20060102150405"

// FormatTime writes t as VNPAY does: yyyyMMddHHmmss in Asia/Ho_Chi_Minh.
func FormatTime(t time.Time) string { return t.In(vntime.Location).Format(TimeLayout) }

// ParseTime reads a VNPAY timestamp (Asia/Ho_Chi_Minh).
func ParseTime(s string) (time.Time, error) {
	if len(s) != len(TimeLayout) {
		return time.Time{}, fmt.Errorf("vnpay: timestamp %q is not yyyyMMddHHmmss", s)
	}
	t, err := time.ParseInLocation(TimeLayout, s, vntime.Location)
	if err != nil {
		return time.Time{}, fmt.Errorf("vnpay: timestamp %q is not yyyyMMddHHmmss", s)
	}
	return t, nil
}

// Escape URL-encodes s the way VNPAY's reference code does (PHP urlencode,
// Java URLEncoder): every byte except A–Z a–z 0–9 - _ . is %XX (upper-case
// hex, UTF-8 bytes), and a space is '+'. Go's url.QueryEscape differs on '~'.
func Escape(s string) string {
	const hexdigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexdigits[c>>4])
			b.WriteByte(hexdigits[c&15])
		}
	}
	return b.String()
}

// HashData is the string VNPAY signs for a redirect, an IPN or a return: the
// vnp_* parameters with a non-empty value, except vnp_SecureHash and
// vnp_SecureHashType, sorted by name, each name=value URL-encoded with Escape,
// joined with '&'. A name given twice uses its first value (callers that
// verify refuse repeated names before calling this).
func HashData(params url.Values) string {
	keys := make([]string, 0, len(params))
	for k, v := range params {
		if !signed(k) || len(v) == 0 || v[0] == "" {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(Escape(k))
		b.WriteByte('=')
		b.WriteString(Escape(params[k][0]))
	}
	return b.String()
}

func signed(name string) bool {
	return strings.HasPrefix(name, "vnp_") && name != ParamSecureHash && name != ParamSecureHashType
}

// Sign is vnp_SecureHash for params: HMAC-SHA512 of HashData, lower-case hex.
func Sign(secret string, params url.Values) string { return hmacHex(secret, HashData(params)) }

// Verify reports, in constant time, whether params carry a valid
// vnp_SecureHash. It refuses a missing hash and any vnp_* name given more than
// once (its meaning would be ambiguous). Upper- or lower-case hex is accepted.
func Verify(secret string, params url.Values) bool {
	got := params[ParamSecureHash]
	if len(got) != 1 {
		return false
	}
	for k, v := range params {
		if strings.HasPrefix(k, "vnp_") && len(v) > 1 {
			return false
		}
	}
	return equalHex(got[0], hmacHex(secret, HashData(params)))
}

// EncodeQuery writes params as a query string in the same encoding as
// HashData (sorted, Escape), followed by vnp_SecureHash when hash is not empty:
// the URL VNPAY's reference code builds.
func EncodeQuery(params url.Values, hash string) string {
	q := HashData(params)
	if hash != "" {
		q += "&" + ParamSecureHash + "=" + hash
	}
	return q
}

// PipeSign is the checksum of VNPAY's JSON API (querydr, refund): HMAC-SHA512
// hex of the fields joined with '|' in the documented order.
func PipeSign(secret string, fields []string, values map[string]string) string {
	return hmacHex(secret, PipeData(fields, values))
}

// PipeData joins the values of fields with '|' (a missing field is empty).
func PipeData(fields []string, values map[string]string) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = values[f]
	}
	return strings.Join(parts, "|")
}

// PipeVerify checks values[vnp_SecureHash] against PipeSign in constant time.
func PipeVerify(secret string, fields []string, values map[string]string) bool {
	got, ok := values[ParamSecureHash]
	if !ok {
		return false
	}
	return equalHex(got, PipeSign(secret, fields, values))
}

// The pipe orders VNPAY 2.1.0 documents for its JSON API.
var (
	QueryRequestFields = []string{"vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode",
		"vnp_TxnRef", "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo"}
	QueryResponseFields = []string{"vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message",
		"vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
		"vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount"}
	RefundRequestFields = []string{"vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode",
		"vnp_TransactionType", "vnp_TxnRef", "vnp_Amount", "vnp_TransactionNo", "vnp_TransactionDate",
		"vnp_CreateBy", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo"}
	RefundResponseFields = []string{"vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message",
		"vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
		"vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo"}
)

func hmacHex(secret, data string) string {
	m := hmac.New(sha512.New, []byte(secret))
	m.Write([]byte(data))
	return hex.EncodeToString(m.Sum(nil))
}

// equalHex compares a received hex digest with ours in constant time.
func equalHex(got, want string) bool {
	g, err := hex.DecodeString(got)
	if err != nil {
		return false
	}
	w, _ := hex.DecodeString(want)
	return hmac.Equal(g, w)
}
