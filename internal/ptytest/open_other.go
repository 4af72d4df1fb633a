//go:build !linux

package ptytest

import (
	"errors"
	"os"
)

func open() (master, tty *os.File, err error) {
	return nil, nil, errors.New("only opened on Linux")
}
