"""Decodes an MS-PAC with impacket (an independent decoder) and prints its fields as `key<TAB>value` lines.

Usage: /usr/bin/python3 impacket_pac.py PAC_FILE SERVER_KEY_HEX KDC_KEY_HEX ETYPE [TICKET_SIGNED_FILE]
The signatures are recomputed with impacket's RFC 3961 crypto (key usage 17, MS-PAC 2.8), not with the code
under test; `check.<name>` says whether each matches. impacket 0.10 has no RFC 8009 (etypes 19 and 20): their
checksums are computed here from RFC 8009 5 with Python's hmac and hashlib.
"""
import hashlib
import hmac
import struct
import sys

from impacket.krb5 import crypto
from impacket.krb5.pac import (PAC_CLIENT_INFO, PAC_INFO_BUFFER, PAC_SIGNATURE_DATA, PACTYPE, UPN_DNS_INFO,
                               VALIDATION_INFO)
from impacket.ldap.ldaptypes import LDAP_SID

LOGON_INFO, SERVER, PRIVSVR, CLIENT_INFO, UPN_DNS = 1, 6, 7, 10, 12
TICKET, ATTRIBUTES, REQUESTOR, FULL = 16, 17, 18, 19
KEY_USAGE = 17


def out(key, value):
    print("%s\t%s" % (key, value))


def utf16(raw, offset, length):
    return raw[offset:offset + length].decode("utf-16-le")


def rfc8009_checksum(cksumtype, key, usage, data):
    """RFC 8009 5: Kc = KDF-HMAC-SHA2(key, usage | 0x99, k); checksum = HMAC(Kc, data) truncated to k bits."""
    digest, bits = (hashlib.sha256, 128) if cksumtype == 19 else (hashlib.sha384, 192)
    label = struct.pack(">IB", usage, 0x99)
    kc = hmac.new(key, struct.pack(">I", 1) + label + b"\x00" + struct.pack(">I", bits), digest).digest()[:bits // 8]
    return hmac.new(kc, data, digest).digest()[:bits // 8]


def main():
    pac = open(sys.argv[1], "rb").read()
    etype = int(sys.argv[4])
    server_key = bytes.fromhex(sys.argv[2])
    kdc_key = bytes.fromhex(sys.argv[3])
    ticket_signed = open(sys.argv[5], "rb").read() if len(sys.argv) > 5 else None

    header = PACTYPE(pac)
    out("version", header["Version"])
    located = {}
    for i in range(header["cBuffers"]):
        info = PAC_INFO_BUFFER(pac[8 + 16 * i:24 + 16 * i])
        out("buffer.%d" % i, "%d %d %d" % (info["ulType"], info["Offset"], info["cbBufferSize"]))
        located[info["ulType"]] = (info["Offset"], info["cbBufferSize"])
    raw = {t: pac[o:o + n] for t, (o, n) in located.items()}

    if LOGON_INFO in raw:
        info = VALIDATION_INFO()
        info.fromString(raw[LOGON_INFO])
        info.fromStringReferents(raw[LOGON_INFO], len(info.getData()))
        v = info["Data"]
        out("logon.EffectiveName", v["EffectiveName"])
        out("logon.FullName", v["FullName"])
        out("logon.LogonDomainName", v["LogonDomainName"])
        out("logon.LogonServer", v["LogonServer"])
        out("logon.UserId", v["UserId"])
        out("logon.PrimaryGroupId", v["PrimaryGroupId"])
        out("logon.GroupCount", v["GroupCount"])
        out("logon.GroupIds", " ".join("%d/%d" % (g["RelativeId"], g["Attributes"]) for g in v["GroupIds"]))
        out("logon.UserFlags", v["UserFlags"])
        out("logon.UserAccountControl", v["UserAccountControl"])
        out("logon.LogonDomainId", v["LogonDomainId"].formatCanonical())
        out("logon.SidCount", v["SidCount"])
        out("logon.ExtraSids", " ".join("%s/%d" % (s["Sid"].formatCanonical(), s["Attributes"])
                                        for s in v["ExtraSids"]))
        times = ("LogonTime", "LogoffTime", "KickOffTime", "PasswordLastSet", "PasswordCanChange",
                 "PasswordMustChange")
        for t in times:
            out("logon." + t, (v[t]["dwHighDateTime"] << 32) | v[t]["dwLowDateTime"])
        out("logon.ResourceGroupCount", v["ResourceGroupCount"])

    if CLIENT_INFO in raw:
        client = PAC_CLIENT_INFO(raw[CLIENT_INFO])
        out("client.ClientId", client["ClientId"])
        out("client.Name", client["Name"].decode("utf-16-le"))

    if UPN_DNS in raw:
        data = raw[UPN_DNS]
        upn = UPN_DNS_INFO(data)
        out("upn.Upn", utf16(data, upn["UpnOffset"], upn["UpnLength"]))
        out("upn.DnsDomainName", utf16(data, upn["DnsDomainNameOffset"], upn["DnsDomainNameLength"]))
        out("upn.Flags", upn["Flags"])
        if upn["Flags"] & 2:
            sam_len, sam_off, sid_len, sid_off = struct.unpack_from("<HHHH", data, 12)
            out("upn.SamName", utf16(data, sam_off, sam_len))
            out("upn.Sid", LDAP_SID(data[sid_off:sid_off + sid_len]).formatCanonical())

    if ATTRIBUTES in raw:
        length, flags = struct.unpack_from("<LL", raw[ATTRIBUTES], 0)
        out("attributes", "%d %d" % (length, flags))

    if REQUESTOR in raw:
        out("requestor", LDAP_SID(raw[REQUESTOR]).formatCanonical())

    def signature(t):
        return PAC_SIGNATURE_DATA(raw[t])

    def zeroed(types):
        z = bytearray(pac)
        for t in types:
            o, n = located[t]
            z[o + 4:o + n] = bytes(n - 4)
        return bytes(z)

    def check(name, t, key, data):
        sig = signature(t)
        if sig["SignatureType"] in (19, 20):
            expected = rfc8009_checksum(sig["SignatureType"], key, KEY_USAGE, data)
        else:
            profile = crypto._get_checksum_profile(sig["SignatureType"])
            expected = profile.checksum(crypto.Key(etype, key), KEY_USAGE, data)
        out("check." + name, "%s %d" % (expected == sig["Signature"], sig["SignatureType"]))

    check("server", SERVER, server_key, zeroed([SERVER, PRIVSVR]))
    check("kdc", PRIVSVR, kdc_key, signature(SERVER)["Signature"])
    if FULL in raw:
        check("full", FULL, kdc_key, zeroed([SERVER, PRIVSVR, FULL]))
    if TICKET in raw and ticket_signed is not None:
        check("ticket", TICKET, kdc_key, ticket_signed)


main()
