# syntax=docker/dockerfile:1
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/kinerjabot ./cmd/kinerjabot \
    && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kinerjabot /kinerjabot
COPY --from=build /src/examples /examples
COPY --from=build --chown=65532:65532 /out/data /data
ENV DATA_DIR=/data HTTP_ADDR=:8080
VOLUME /data
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/kinerjabot"]
CMD ["serve"]
