module github.com/vnru/vnru

go 1.26.8

require (
	golang.org/x/text v0.43.0
	gopkg.in/yaml.v3 v3.0.1
)
