// Package ident checks and formats the identifiers that tie a person to the
// roster: the NIP (Nomor Induk Pegawai, PNS and PPPK) and the Indonesian
// mobile phone number. Everything here is a pure function: no I/O, safe for
// concurrent use.
//
// Errors are typed (*NIPError, *PhoneError) and carry a reason code; their
// Message method renders the reason in Bahasa Indonesia (default) or English
// ("en"), so a caller can show it to the person who typed the value. Error
// messages never repeat the input, which may be personal data.
package ident
