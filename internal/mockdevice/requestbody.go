package mockdevice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxRequestBody is ARM's limit on a request body: 4 MiB ("Resource
// Manager limits": the request size limit is 4 MB).
const maxRequestBody = 4 << 20

// readBodyBounded reads a request body into memory before the device lock
// is taken, through a reader that stops at maxRequestBody: a body over the
// limit is answered 413 without being read to its end, and a slow or large
// upload never holds up other requests.
func readBodyBounded(w http.ResponseWriter, r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return true
	}
	if r.ContentLength > maxRequestBody {
		writeError(w, bodyTooLarge())
		return false
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, bodyTooLarge())
			return false
		}
		writeError(w, badRequest("InvalidRequestContent", "The request content could not be read: "+err.Error()))
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	r.ContentLength = int64(len(raw))
	return true
}

func bodyTooLarge() *statusError {
	return newError(http.StatusRequestEntityTooLarge, "RequestEntityTooLarge",
		fmt.Sprintf("The request content size exceeds the maximum permitted size of %d bytes (4 MiB).", maxRequestBody))
}

// decodeBody reads a JSON request body into v, refusing as ARM does a body
// that is not one JSON object: empty, null, another JSON value, or an
// object followed by more text. Tags, wherever a body has them, must keep
// ARM's tag limits.
func decodeBody(r *http.Request, v any) *statusError {
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return badRequest("InvalidRequestContent", "The request content could not be read: "+err.Error())
	}
	return decodeRaw(raw, v)
}

// decodeModelled is decodeBody for a resource whose every request property
// is either modelled by the device or read-only: any other property is
// refused, naming it, rather than silently dropped.
func decodeModelled(r *http.Request, v any, s shape) *statusError {
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return badRequest("InvalidRequestContent", "The request content could not be read: "+err.Error())
	}
	if e := decodeRaw(raw, v); e != nil {
		return e
	}
	var doc any
	_ = json.Unmarshal(raw, &doc)
	return s.check(doc, "")
}

func decodeRaw(raw []byte, v any) *statusError {
	var top map[string]json.RawMessage
	if e := decodeOne(raw, &top); e != nil {
		return e
	}
	if top == nil {
		return badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: the body is null; send a JSON object.")
	}
	if t, ok := top["tags"]; ok {
		if e := checkTags(t); e != nil {
			return e
		}
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: "+err.Error())
	}
	return nil
}

// decodeOne decodes exactly one JSON value from raw into v.
func decodeOne(raw []byte, v any) *statusError {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(v); err != nil {
		return badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: "+err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: unexpected content after the JSON object.")
	}
	return nil
}

// ARM's tag limits ("Use tags to organize your Azure resources and
// management hierarchy", Limitations): at most 50 tags on a resource, names
// of at most 512 characters without < > % & \ ? /, values of at most 256.
const (
	maxTags        = 50
	maxTagName     = 512
	maxTagValue    = 256
	tagNameRefused = `<>%&\?/`
)

func checkTags(raw json.RawMessage) *statusError {
	var tags map[string]*string
	if err := json.Unmarshal(raw, &tags); err != nil {
		return badRequest("InvalidTag", "The tags must be an object of string names to string values: "+err.Error())
	}
	if len(tags) > maxTags {
		return badRequest("InvalidTagCount", fmt.Sprintf("The resource has %d tags; at most %d are allowed.", len(tags), maxTags))
	}
	for name, value := range tags {
		switch {
		case name == "" || utf8.RuneCountInString(name) > maxTagName:
			return badRequest("InvalidTagNameLength", fmt.Sprintf("The tag name '%.40s' must have 1 to %d characters.", name, maxTagName))
		case strings.ContainsAny(name, tagNameRefused):
			return badRequest("InvalidTagNameCharacters", "The tag name '"+name+"' has characters that are not allowed: "+tagNameRefused+".")
		case value != nil && utf8.RuneCountInString(*value) > maxTagValue:
			return badRequest("InvalidTagValueLength", fmt.Sprintf("The value of tag '%s' has more than %d characters.", name, maxTagValue))
		}
	}
	return nil
}
